"""Request and response bodies of the transit API."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from clearway_contracts.input_policy import MultiLineText, RequestModel
from clearway_platform.web.fields import Revision
from clearway_release.cases.models import Status
from clearway_release.transits.models import HoldDecision, Transit

Remarks = Annotated[str, Field(max_length=2000)]


class Arrival(RequestModel):
    revision: Revision

    seals_intact: bool = Field(description="false when any seal is broken, missing or differs")
    remarks: Remarks | None = Field(None, description="what was found; required if not intact")


class HoldDecisionRequest(RequestModel):
    revision: Revision

    decision: HoldDecision
    remarks: Remarks = Field(min_length=1, description="why the hold is decided this way")


class HoldOut(BaseModel):
    decision: HoldDecision
    remarks: MultiLineText
    decided_by: str
    decided_at: datetime


class TransitOut(BaseModel):
    declaration_id: UUID
    customs_number: str
    departure_office: str
    exit_office: str
    seals: list[str]
    carrier: str
    means_id: str
    route: str
    released_at: datetime
    deadline: datetime
    overdue: bool
    overdue_at: datetime | None
    arrived_at: datetime | None
    seals_intact: bool | None
    remarks: str | None
    hold: HoldOut | None

    @classmethod
    def of(cls, transit: Transit) -> "TransitOut":
        hold = transit.hold
        return cls(
            declaration_id=transit.declaration_id,
            customs_number=transit.customs_number,
            departure_office=transit.departure_office,
            exit_office=transit.exit_office,
            seals=list(transit.seals),
            carrier=transit.carrier,
            means_id=transit.means_id,
            route=transit.route,
            released_at=transit.released_at,
            deadline=transit.deadline,
            overdue=transit.overdue,
            overdue_at=transit.overdue_at,
            arrived_at=transit.arrived_at,
            seals_intact=transit.seals_intact,
            remarks=transit.remarks,
            hold=HoldOut(**vars(hold)) if hold else None,
        )


class TransitStateOut(BaseModel):
    status: Status
    transit: TransitOut
