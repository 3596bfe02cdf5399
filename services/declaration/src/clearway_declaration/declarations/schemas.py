"""The declaration API's request and response bodies."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints, model_validator

from clearway_contracts.declaration_form import Battery, ExportForm, ItemForm
from clearway_contracts.events.common import (
    AeoLevel,
    ClearanceMode,
    Declarant,
    Item,
    Party,
    PowerType,
    RoutingPlan,
    TransitTerms,
    Transport,
    TransportMode,
    VehicleCondition,
)
from clearway_contracts.input_policy import MULTI_LINE, RequestModel, at_most
from clearway_contracts.progress import DeclarationSummary, Progress, TimelineEntry
from clearway_declaration.declarations.models import (
    DeclarationContent,
    Totals,
)
from clearway_declaration.declarations.models import (
    DeclarationSummary as DeclarationSummaryRow,
)
from clearway_declaration.declarations.service import DeclarationWithTimeline
from clearway_declaration.lifecycle.models import Status

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[
    str, MULTI_LINE, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")]
Office = Annotated[str, Field(pattern=r"^[0-9]{4}$", description="customs office code")]
Money = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]


class Body(RequestModel):
    """A request body: the one input policy (ADR 0026)."""


class DeclarantIn(Body):
    customs_code: str = Field(pattern=r"^[0-9A-Z]{10}$", description="10-character customs code")
    name: Text
    aeo_level: AeoLevel


class PartyIn(Body):
    name: Text
    country: Country
    code: Text | None = None


class TransportIn(Body):
    mode: TransportMode
    means_id: Text = Field(description="plate, wagon or train number, vessel, or flight")


class TransitIn(Body):
    seals: list[Text] = Field(min_length=1, max_length=500)
    time_limit_hours: int = Field(ge=1, le=720)
    route: Text
    carrier: Text


class VehicleIn(Body):
    vin: str = Field(max_length=32, description="17 characters with its check digit")
    make: Text
    model: Text
    power: PowerType
    condition: VehicleCondition
    plate: Text | None = None
    deregistration_certificate: Text | None = Field(None, description="needed when used")
    export_licence: Text | None = Field(None, description="needed when used")
    first_registration: date | None = Field(
        None, ge=date(1900, 1, 1), description="used: the date it was first registered"
    )
    odometer_km: int | None = Field(
        None, ge=0, le=2_000_000, description="used: the odometer reading, in km"
    )
    export_licence_valid_until: date | None = Field(
        None, description="used: the last day the export licence is valid (出口许可证有效期)"
    )
    export_inspection_reference: Text | None = Field(
        None, description="used: the reference of the vehicle's export inspection report"
    )
    model_year: int | None = Field(
        None, ge=1980, le=2100, description="年款: checked against the VIN's 10th character"
    )
    battery: Battery | None = Field(
        None, description="BEV and PHEV: the traction battery (needed on the full form)"
    )


class ItemIn(Body):
    line: int = Field(ge=1, le=10_000)
    hs_code: str = Field(pattern=r"^[0-9]{6,10}$", description="6 to 10 digits")
    description: LongText
    quantity: Decimal = Field(gt=0, max_digits=14, decimal_places=3)
    unit: str = Field(pattern=r"^[A-Z0-9]{1,3}$", description="UN/ECE Rec. 20, e.g. PCE, KGM")
    value: Money
    currency: Currency
    origin_country: Country
    vehicle: VehicleIn | None = None
    form: ItemForm | None = Field(
        None,
        description="the export form's item fields (报关单表体); with them, hs_code has 10 digits",
    )


class TotalsIn(Body):
    item_count: int = Field(ge=1)
    value: dict[Currency, Money] = Field(description="per currency, the sum of the item values")


class ContentIn(Body):
    declarant: DeclarantIn
    exporter: PartyIn
    consignee: PartyIn
    destination_country: Country
    transport: TransportIn
    transit: TransitIn | None = Field(None, description="direct transfer only")
    items: Annotated[list[ItemIn], at_most(1000)] = Field(min_length=1, max_length=1000)
    totals: TotalsIn
    consignment_reference: Text | None = Field(
        None, description="the forwarder's reference of the whole train or convoy (its manifest)"
    )
    form: ExportForm | None = Field(
        None,
        description="the export declaration form's header (报关单表头); a declaration with it "
        "is checked as the full form: see docs/declaration-form.md",
    )

    def content(self) -> DeclarationContent:
        return DeclarationContent.model_validate(self.model_dump(include=_CONTENT_FIELDS))


_CONTENT_FIELDS = set(ContentIn.model_fields)


class RoutingIn(Body):
    mode: ClearanceMode
    declaring_office: Office
    inspection_office: Office
    release_office: Office
    exit_office: Office
    departure_office: Office | None = None


_GATEWAY_FIELDS = frozenset({"mode", "declaring_office", "exit_office", "departure_office"})


class CreateDeclaration(ContentIn):
    """The public body, plus the routing plan the gateway made from its mode and offices."""

    # The gateway's own fields (mode, offices) made the routing plan; they are not needed
    # here. Any other field not declared is refused, as everywhere (ADR 0026).
    @model_validator(mode="before")
    @classmethod
    def _without_gateway_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if key not in _GATEWAY_FIELDS}
        return data

    routing: RoutingIn

    def routing_plan(self) -> RoutingPlan:
        return RoutingPlan.model_validate(self.routing.model_dump())


class Amendment(ContentIn):
    reason: LongText


class Cancellation(Body):
    reason: LongText


class DeclarationView(BaseModel):
    id: UUID
    customs_number: str
    revision: int
    status: Status
    declarant: Declarant
    exporter: Party
    consignee: Party
    destination_country: str
    routing: RoutingPlan
    transport: Transport
    transit: TransitTerms | None
    items: list[Item]
    totals: Totals
    consignment_reference: str | None = None
    form: ExportForm | None = None
    accepted_at: datetime
    updated_at: datetime
    progress: Progress
    timeline: list[TimelineEntry]

    @classmethod
    def of(cls, found: DeclarationWithTimeline) -> "DeclarationView":
        declaration, content = found.declaration, found.declaration.content
        fields: dict[str, Any] = {
            name: getattr(content, name) for name in DeclarationContent.model_fields
        }
        return cls(
            **fields,
            id=declaration.id,
            customs_number=declaration.customs_number,
            revision=declaration.revision,
            status=declaration.status,
            routing=declaration.routing,
            accepted_at=declaration.accepted_at,
            updated_at=declaration.updated_at,
            progress=Progress.model_validate(declaration.progress),
            timeline=[
                TimelineEntry.model_validate(e, from_attributes=True) for e in found.timeline
            ],
        )


class DeclarationSummaryView(DeclarationSummary):
    @classmethod
    def of(cls, summary: DeclarationSummaryRow) -> "DeclarationSummaryView":
        return cls.model_validate(summary, from_attributes=True)
