"""The release service's public bodies, as the gateway documents and checks them
(mirrors clearway_release's schemas)."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import Field, StringConstraints

from clearway_contracts.events.common import Reason
from clearway_contracts.input_policy import MultiLineText
from clearway_gateway.forwarding.schemas import RequestBody, ResponseBody, example
from clearway_gateway.releases import examples
from clearway_platform.web.fields import Revision

# 17 characters, no I, O or Q; accepted in either case.
Vin = Annotated[str, StringConstraints(pattern=r"^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$")]
Remarks = Annotated[str, Field(max_length=2000)]


class ReleaseStatus(StrEnum):
    """A release case's status: the declaration's statuses from release on (same names, same
    meaning), and ``waiting`` (no decision yet) and ``cancelled`` before it. The declaration's
    own status (``DeclarationStatus``) stays the one to follow; this one says what the
    release service has decided."""

    WAITING = "waiting"
    CANCELLED = "cancelled"
    NOT_RELEASED = "not_released"
    RELEASED = "released"
    RELEASED_FOR_TRANSIT = "released_for_transit"
    ARRIVED_AT_EXIT = "arrived_at_exit"
    HELD = "held"
    EXITED = "exited"


class HoldDecision(StrEnum):
    RELEASE = "release"
    REFUSE = "refuse"


class ExitRequest(RequestBody):
    model_config = example(examples.EXIT_REQUEST)

    revision: Revision
    vins: list[Vin] | None = Field(
        None,
        min_length=1,
        max_length=1000,
        description="the vehicles leaving now; omit to confirm everything not yet exited",
    )


class Exit(ResponseBody):
    model_config = example(examples.EXIT)

    declaration_id: UUID
    status: ReleaseStatus
    complete: bool = Field(description="every declared vehicle has exited")
    exited_now: list[str]
    exited: list[str]
    remaining: list[str]


class TransitArrival(RequestBody):
    model_config = example(examples.TRANSIT_ARRIVAL)

    revision: Revision
    seals_intact: bool = Field(description="false when any seal is broken, missing or differs")
    remarks: Remarks | None = Field(None, description="what was found; required if not intact")


class HoldDecisionRequest(RequestBody):
    model_config = example(examples.HOLD_DECISION)

    revision: Revision
    decision: HoldDecision
    remarks: Remarks = Field(min_length=1, description="why the hold is decided this way")


class Hold(ResponseBody):
    decision: HoldDecision
    remarks: MultiLineText
    decided_by: str
    decided_at: datetime


class Transit(ResponseBody):
    model_config = example(examples.TRANSIT)

    declaration_id: UUID
    customs_number: str = Field(description="the declaration's customs number")
    departure_office: str
    exit_office: str
    seals: list[str]
    carrier: str
    means_id: str
    route: str
    released_at: datetime
    deadline: datetime
    overdue: bool
    overdue_at: datetime | None = None
    arrived_at: datetime | None = None
    seals_intact: bool | None = None
    remarks: str | None = None
    hold: Hold | None = None


class TransitState(ResponseBody):
    model_config = example(examples.TRANSIT_STATE)

    status: ReleaseStatus
    transit: Transit


class TransitPage(ResponseBody):
    model_config = example(examples.TRANSIT_PAGE)

    items: list[Transit]
    next_cursor: str | None = None


class ReleaseDecision(ResponseBody):
    revision: int = Field(description="the declaration revision this decision is for")
    in_force: bool = Field(
        description="recorded on the declaration: only then may the goods arrive or exit"
    )
    released: bool
    release_number: str | None = Field(None, description="the release notice's number, if released")
    office: str
    decided_at: datetime
    reasons: list[Reason] = Field(description="why release was refused")


class Release(ResponseBody):
    model_config = example(examples.RELEASE)

    declaration_id: UUID
    customs_number: str
    status: ReleaseStatus = Field(description="waiting until the facts allow a decision")
    decision: ReleaseDecision | None = None
    transit: Transit | None = Field(None, description="direct transfer only")
    vehicles: list[str]
    exited_vehicles: list[str]
