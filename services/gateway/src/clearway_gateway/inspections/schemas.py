"""The inspection service's public bodies, as the gateway documents and checks them
(mirrors clearway_inspection's schemas)."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import AwareDatetime, Field

from clearway_contracts.events.common import AeoLevel, Lane, Outcome, Reason, Vehicle
from clearway_contracts.events.inspection import AcceptedDiscrepancy
from clearway_contracts.input_policy import MultiLineText
from clearway_gateway.forwarding.schemas import (
    LocalTime,
    Paged,
    RequestBody,
    ResponseBody,
    example,
    page_example,
)
from clearway_gateway.inspections import examples
from clearway_gateway.offices.schemas import DayName
from clearway_platform.web.fields import Revision


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    MISSED = "missed"


class InspectionStatus(StrEnum):
    WAITING = "waiting"
    PASSED = "passed"
    FAILED = "failed"
    CLOSED = "closed"


class CheckStatus(StrEnum):
    OPEN = "open"
    PASSED = "passed"
    FAILED = "failed"
    CLOSED = "closed"


# Sites


class Hours(ResponseBody):
    """A site's hours, in the shape of an office's (``WeeklyHours``)."""

    days: list[DayName] = Field(description="the days the site opens")
    opens: LocalTime
    closes: LocalTime


class Site(ResponseBody):
    model_config = example(examples.SITE)

    id: str
    office: str
    name: str
    time_zone: str = Field(description="IANA time zone")
    hours: Hours | None = Field(None, description="null: open 24 hours (inspection upon arrival)")
    slot_minutes: int
    capacity: int
    inspection_on_arrival: bool


class Slot(ResponseBody):
    start: datetime
    end: datetime
    local_start: str = Field(description="the start in the site's time zone")
    within_hours: bool
    free: int
    bookable: bool


class Availability(ResponseBody):
    model_config = example(examples.AVAILABILITY)

    site_id: str
    time_zone: str
    slots: list[Slot]


# Appointments


class Booking(RequestBody):
    model_config = example(examples.BOOKING)

    site_id: str
    slot_start: AwareDatetime


class Reschedule(RequestBody):
    model_config = example(examples.RESCHEDULE)

    site_id: str | None = Field(None, description="the same site unless given")
    slot_start: AwareDatetime


class Appointment(ResponseBody):
    model_config = example(examples.APPOINTMENT)

    id: UUID
    declaration_id: UUID
    site_id: str
    slot_start: datetime
    slot_end: datetime
    status: AppointmentStatus


# Check-in and the tablet


class Arrival(RequestBody):
    model_config = example(examples.ARRIVAL)

    reference: str = Field(
        min_length=1, max_length=32, description="customs number, VIN or vehicle plate"
    )


class Inspection(ResponseBody):
    model_config = example(examples.INSPECTION)

    id: UUID
    declaration_id: UUID
    customs_number: str
    site_id: str
    appointment_id: UUID | None = None
    slot_start: datetime | None = None
    arrived_at: datetime
    checked_in_by: str
    status: InspectionStatus
    claimed_by: str | None = None
    claim_expires_at: datetime | None = None
    revision: int | None = Field(None, description="the declaration revision decided, once done")


class FindingIn(RequestBody):
    model_config = example(examples.FINDING_IN)

    vin_seen: str | None = Field(None, min_length=1, max_length=17)
    odometer_km: int | None = Field(None, ge=0)
    condition: str | None = Field(None, max_length=200)
    seals: list[str] = []
    seals_intact: bool | None = Field(
        None, description="false when a seal is broken, missing or differs"
    )
    damaged: bool | None = Field(None, description="true: say what the damage is in remarks")
    photos: list[str] = Field([], description="references of photos already uploaded")
    remarks: MultiLineText | None = Field(None, max_length=4000)


class Finding(ResponseBody):
    model_config = example(examples.FINDING)

    vin: str
    vin_seen: str | None = None
    vin_matches: bool | None = None
    odometer_km: int | None = None
    condition: str | None = None
    seals: list[str]
    seals_intact: bool | None = None
    damaged: bool | None = None
    photos: list[str]
    remarks: str | None = None
    recorded_by: str
    recorded_at: datetime


class InspectionDetail(ResponseBody):
    model_config = example(examples.INSPECTION_DETAIL)

    inspection: Inspection
    revision: int = Field(description="the declaration's revision now: the outcome names it")
    vehicles: list[Vehicle]
    findings: list[Finding]
    vehicles_inspected: int


class DocumentCheckDecision(RequestBody):
    """The outcome of a document check, for a named revision; a failure says why."""

    model_config = example(examples.DOCUMENT_CHECK_DECISION)

    revision: Revision
    outcome: Outcome
    reasons: list[Reason] = []


class OutcomeIn(DocumentCheckDecision):
    """The outcome of an inspection, for a named revision. A pass needs a finding with the VIN
    read for every declared vehicle, and names each discrepancy it accepts, with the reason."""

    model_config = example(examples.OUTCOME_PASSED)

    accepted_discrepancies: list[AcceptedDiscrepancy] = Field(
        [],
        description="passing despite a VIN mismatch or a broken seal: each one, with the reason",
    )


# Document checks


class DocumentCheck(ResponseBody):
    model_config = example(examples.DOCUMENT_CHECK)

    id: UUID
    declaration_id: UUID
    customs_number: str
    declarant: str
    office: str
    status: CheckStatus
    created_at: datetime
    revision: int = Field(
        description="open: the declaration revision to decide for; decided: the one decided"
    )


# Risk

Rate = Annotated[Decimal, Field(ge=0, le=1)]


class Rule(RequestBody):
    code: str = Field(min_length=1, max_length=64)
    text: str = Field(min_length=1)
    lane: Lane
    when: dict[str, Any] = Field(
        description="conditions, all of which must hold: hs_prefixes, power, condition, "
        "dangerous_goods, unit_value_below, unit_value_above, origin_countries, destinations, "
        "declarants, aeo_levels, transport_modes, clearance_modes"
    )


class RandomSelection(RequestBody):
    rates: dict[AeoLevel, Rate]
    lane: Lane = Lane.RED
    enterprise_rates: dict[str, Rate] = {}


class RuleSet(RequestBody):
    model_config = example(examples.RULESET)

    description: str = ""
    rules: list[Rule]
    random_selection: RandomSelection


class PublishedRuleSet(ResponseBody):
    model_config = example(examples.PUBLISHED_RULESET)

    version: int
    ruleset: dict[str, Any] = Field(description="the rule set, as published")


class LaneDecision(ResponseBody):
    model_config = example(examples.LANE_DECISION)

    declaration_id: UUID
    revision: int
    lane: Lane
    reasons: list[Reason]
    ruleset_version: int
    decided_at: datetime


class SitePage(Paged[Site]):
    model_config = page_example(examples.SITE)


class InspectionPage(Paged[Inspection]):
    model_config = page_example(examples.INSPECTION)


class DocumentCheckPage(Paged[DocumentCheck]):
    model_config = page_example(examples.DOCUMENT_CHECK)


class LaneDecisionPage(Paged[LaneDecision]):
    model_config = page_example(examples.LANE_DECISION)
