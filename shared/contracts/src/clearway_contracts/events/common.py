"""Value types that several services' events share."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from clearway_contracts.declaration_form import Battery, ExportForm, ItemForm


class Frozen(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ClearanceMode(StrEnum):
    LOCAL = "local"
    INTEGRATED = "integrated"
    DIRECT_TRANSFER = "direct_transfer"


class TransportMode(StrEnum):
    ROAD_SELF_DRIVE = "road_self_drive"
    ROAD_CAR_CARRIER = "road_car_carrier"
    RAIL_CAR_CARRIER = "rail_car_carrier"
    RAIL_CONTAINER = "rail_container"
    SEA_RORO = "sea_roro"
    AIR = "air"


class PowerType(StrEnum):
    PETROL = "petrol"
    DIESEL = "diesel"
    BEV = "bev"
    PHEV = "phev"
    FCEV = "fcev"


class VehicleCondition(StrEnum):
    NEW = "new"
    USED = "used"


class AeoLevel(StrEnum):
    """China Customs enterprise credit levels."""

    ADVANCED_CERTIFIED = "advanced_certified"
    REGISTERED = "registered"
    DISHONEST = "dishonest"


class Lane(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class DeclarationStatus(StrEnum):
    """A declaration's status, as the declaration service keeps it (the design notes'
    lifecycle, shaped after the EU export system and the UK's CDS)."""

    SUBMITTED = "submitted"
    REJECTED = "rejected"
    ACCEPTED = "accepted"
    UNDER_CONTROL = "under_control"
    RELEASED = "released"
    NOT_RELEASED = "not_released"
    CANCELLED = "cancelled"
    RELEASED_FOR_TRANSIT = "released_for_transit"
    TRANSIT_OVERDUE = "transit_overdue"
    ARRIVED_AT_EXIT = "arrived_at_exit"
    HELD = "held"
    EXITED = "exited"


class Reason(Frozen):
    """Why something was decided: a stable code for machines, a text for people."""

    code: str
    text: str


class Declarant(Frozen):
    customs_code: str
    name: str
    aeo_level: AeoLevel


class Party(Frozen):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2")
    code: str | None = None


class RoutingPlan(Frozen):
    """Which customs office does what for this declaration; the gateway makes it."""

    mode: ClearanceMode
    declaring_office: str
    inspection_office: str
    release_office: str
    exit_office: str
    departure_office: str | None = None

    def offices(self) -> list[str]:
        """Every office the plan names, each once and in order: their officers may read it."""
        named = {
            self.declaring_office,
            self.inspection_office,
            self.release_office,
            self.exit_office,
            *([self.departure_office] if self.departure_office else []),
        }
        return sorted(named)


class Transport(Frozen):
    mode: TransportMode
    means_id: str = Field(description="plate, wagon or train number, vessel, or flight")


class TransitTerms(Frozen):
    """Direct transfer: how the goods travel under seal to the exit port."""

    seals: list[str]
    time_limit_hours: int
    route: str
    carrier: str


class Vehicle(Frozen):
    vin: str
    make: str
    model: str
    power: PowerType
    condition: VehicleCondition
    plate: str | None = None
    deregistration_certificate: str | None = None
    export_licence: str | None = None
    first_registration: date | None = Field(None, description="used: first registered on")
    odometer_km: int | None = Field(None, description="used: the odometer reading")
    export_licence_valid_until: date | None = Field(None, description="used: licence validity")
    export_inspection_reference: str | None = Field(
        None, description="used: the export inspection report's reference"
    )
    model_year: int | None = Field(None, description="年款: checked against the VIN's 10th")
    battery: Battery | None = Field(None, description="BEV and PHEV: the traction battery")


class Item(Frozen):
    line: int
    hs_code: str
    description: str
    quantity: Decimal
    unit: str
    value: Decimal
    currency: str
    origin_country: str
    dangerous_goods: bool = False
    vehicle: Vehicle | None = None
    form: ItemForm | None = Field(None, description="the export form's item fields")


class DeclarationSnapshot(Frozen):
    """Everything the inspection and release services need to know about a declaration."""

    declaration_id: UUID
    customs_number: str
    revision: int
    declarant: Declarant
    exporter: Party
    consignee: Party
    destination_country: str
    routing: RoutingPlan
    transport: Transport
    transit: TransitTerms | None = None
    items: list[Item]
    form: ExportForm | None = Field(None, description="the export form's header, when lodged on it")
    accepted_at: datetime
