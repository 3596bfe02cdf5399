"""Response bodies of the release API."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from clearway_contracts.events.common import Reason
from clearway_release.cases.models import Status
from clearway_release.releases.models import Decision
from clearway_release.releases.service import ReleaseRecord
from clearway_release.transits.schemas import TransitOut


class DecisionOut(BaseModel):
    revision: int = Field(description="the declaration revision this decision is for")
    in_force: bool = Field(
        description="recorded on the declaration: only then may the goods arrive or exit"
    )
    released: bool
    release_number: str | None = Field(description="the release notice's number, if released")
    office: str
    decided_at: datetime
    reasons: list[Reason] = Field(description="why release was refused")

    @classmethod
    def of(cls, decision: Decision) -> "DecisionOut":
        return cls(
            revision=decision.revision,
            in_force=decision.in_force,
            released=decision.released,
            release_number=decision.release_number,
            office=decision.office,
            decided_at=decision.decided_at,
            reasons=list(decision.reasons),
        )


class ReleaseOut(BaseModel):
    declaration_id: UUID
    customs_number: str
    status: Status = Field(description="waiting until the facts allow a decision")
    decision: DecisionOut | None
    transit: TransitOut | None = Field(description="direct transfer only")
    vehicles: list[str]
    exited_vehicles: list[str]

    @classmethod
    def of(cls, record: ReleaseRecord) -> "ReleaseOut":
        declaration = record.case.declaration
        assert declaration is not None  # a case is visible once its declaration is known
        return cls(
            declaration_id=record.case.declaration_id,
            customs_number=declaration.customs_number,
            status=record.case.status,
            decision=DecisionOut.of(record.decision) if record.decision else None,
            transit=TransitOut.of(record.transit) if record.transit else None,
            vehicles=list(declaration.vins),
            exited_vehicles=record.exited_vins,
        )
