"""The public declaration bodies: what a forwarder's ERP sends and gets back.

The gateway never imports a service: these are its own models of the public API. The content
a forwarder declares has the shape the declaration service accepts, field for field and
constraint for constraint (a test compares the two JSON Schemas, so they cannot drift); the
gateway checks it at the door, reads what it needs to plan the route (mode, offices, transport,
transit), and forwards it. What customs adds (the dangerous-goods flag, the routing plan, the
status) appears only in the responses.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from clearway_contracts.declaration_form import Battery, ExportForm, ItemForm
from clearway_contracts.events.common import (
    AeoLevel,
    ClearanceMode,
    DeclarationStatus,
    PowerType,
    TransitTerms,
    TransportMode,
    VehicleCondition,
)
from clearway_contracts.input_policy import MULTI_LINE, at_most
from clearway_contracts.progress import DeclarationSummary, Progress, TimelineEntry
from clearway_gateway.declarations import examples
from clearway_gateway.forwarding.schemas import RequestBody, ResponseBody, example
from clearway_gateway.routing.models import RouteRequest

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[
    str, MULTI_LINE, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")]
Office = Annotated[str, Field(pattern=r"^[0-9]{4}$", description="customs office code")]
Money = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]


class DeclarantIn(RequestBody):
    customs_code: str = Field(pattern=r"^[0-9A-Z]{10}$", description="10-character customs code")
    name: Text
    aeo_level: AeoLevel


class PartyIn(RequestBody):
    name: Text
    country: Country
    code: Text | None = None


class TransportIn(RequestBody):
    mode: TransportMode
    means_id: Text = Field(description="plate, wagon or train number, vessel, or flight")


class TransitIn(RequestBody):
    seals: list[Text] = Field(min_length=1, max_length=500)
    time_limit_hours: int = Field(ge=1, le=720)
    route: Text
    carrier: Text


class VehicleIn(RequestBody):
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


class ItemIn(RequestBody):
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


class TotalsIn(RequestBody):
    item_count: int = Field(ge=1)
    value: dict[Currency, Money] = Field(description="per currency, the sum of the item values")


class ContentIn(RequestBody):
    """What the declarant declares; an amendment sends it whole again."""

    declarant: DeclarantIn = Field(description="must be the API key's declarant")
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


OfficeCode = Field(pattern=r"^[0-9]{4}$", description="customs office code", examples=["8021"])


class LodgeDeclaration(ContentIn):
    """The content, and how the declarant wants it cleared: the gateway plans the route."""

    mode: ClearanceMode = Field(description="local, integrated or direct_transfer")
    declaring_office: str = OfficeCode
    exit_office: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="the port the goods leave by (integrated, direct transfer)",
    )
    departure_office: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="direct transfer: the inland office goods leave under seal",
    )

    def route_request(self) -> RouteRequest:
        return RouteRequest(
            mode=self.mode,
            declaring_office=self.declaring_office,
            exit_office=self.exit_office,
            departure_office=self.departure_office,
            transport=self.transport.mode,
            transit=TransitTerms.model_validate(self.transit.model_dump())
            if self.transit
            else None,
        )


def _terms(transit: TransitIn | None) -> TransitTerms | None:
    return None if transit is None else TransitTerms.model_validate(transit.model_dump())


_GATEWAY_FIELDS = {"mode", "declaring_office", "exit_office", "departure_office"}


class Routing(ResponseBody):
    """Which office declares, inspects, releases and confirms exit: the gateway's plan."""

    mode: ClearanceMode
    declaring_office: str
    inspection_office: str
    release_office: str
    exit_office: str
    departure_office: str | None = None


class ItemOut(ItemIn):
    model_config = ConfigDict(extra="allow")

    dangerous_goods: bool = Field(
        description="set by customs: lithium batteries and battery-powered vehicles"
    )


class OfficeHours(BaseModel):
    """The declaring office's hours when the declaration was lodged.

    Risk assessment and a green lane's release are automatic and go on at any hour; what needs
    an officer or an inspector (a document check, an inspection, a hold) waits for the office
    to open."""

    office: str
    open_now: bool
    next_opening: datetime | None = Field(None, description="set when the office is closed now")
    waiting_for_opening: bool = Field(
        description="the office is closed: a check or an inspection, if risk orders one, "
        "starts at next_opening (a green lane is released at once)"
    )


class LodgedDeclaration(BaseModel):
    """The declaration as lodged, with the declaring office's hours."""

    model_config = ConfigDict(extra="allow", **example(examples.LODGED))

    id: str
    customs_number: str
    status: DeclarationStatus
    routing: Routing
    declaring_office_hours: OfficeHours


LODGE_EXAMPLE = {
    "mode": "local",
    "declaring_office": "8021",
    "declarant": {
        "customs_code": "6501234567",
        "name": "Silk Road Auto Export Co.",
        "aeo_level": "advanced_certified",
    },
    "exporter": {"name": "Silk Road Auto Export Co.", "country": "CN"},
    "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
    "destination_country": "KZ",
    "transport": {"mode": "road_self_drive", "means_id": "新F·A1234"},
    "items": [
        {
            "line": 1,
            "hs_code": "8703800090",
            "description": "BYD Atto 3 battery electric passenger car",
            "quantity": "1",
            "unit": "PCE",
            "value": "18500.00",
            "currency": "USD",
            "origin_country": "CN",
            "vehicle": {
                "vin": "LGXCE6CB1P0000018",
                "make": "BYD",
                "model": "Atto 3",
                "power": "bev",
                "condition": "new",
            },
        }
    ],
    "totals": {"item_count": 1, "value": {"USD": "18500.00"}},
}


class Amendment(ContentIn):
    """The whole new content, and why it changed."""

    reason: LongText


class Cancellation(RequestBody):
    reason: LongText


class Totals(ResponseBody):
    item_count: int
    value: dict[str, Decimal] = Field(description="per currency, the sum of the item values")


class Declaration(ResponseBody):
    """A declaration as the declaration service shows it, with its progress and timeline."""

    model_config = example(examples.DECLARATION)

    id: str
    customs_number: str
    revision: int
    status: DeclarationStatus
    declarant: DeclarantIn
    exporter: PartyIn
    consignee: PartyIn
    destination_country: str
    routing: Routing
    transport: TransportIn
    transit: TransitIn | None = None
    items: list[ItemOut]
    totals: Totals
    consignment_reference: str | None = None
    form: ExportForm | None = Field(None, description="the export form's header, as lodged")
    accepted_at: datetime
    updated_at: datetime
    progress: Progress
    timeline: list[TimelineEntry] = Field(
        description="in time order; at the same instant, a cause before what it caused"
    )


class DeclarationPage(BaseModel):
    model_config = example(examples.PAGE)

    items: list[DeclarationSummary]
    next_cursor: str | None = Field(None, description="pass as cursor for the next page")


AMENDMENT_EXAMPLE = {
    "reason": "corrected the declared value after the final invoice",
    **{key: value for key, value in LODGE_EXAMPLE.items() if key not in _GATEWAY_FIELDS},
}
CANCELLATION_EXAMPLE = {"reason": "the buyer withdrew the order"}
