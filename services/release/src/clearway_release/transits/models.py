"""Direct transfer: goods released inland travel under customs seal to the exit port.

The transit starts at release with a deadline (release time plus the declared time limit).
At the exit port an officer records the arrival and checks the seals: intact seals let the
goods go on to exit; broken seals (with remarks saying what was found) hold them until an
officer releases them to exit or refuses them. A transit still on the road after its deadline
is overdue, once.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from clearway_platform.domain_errors import InvalidInput, Violation
from clearway_release.cases.models import DeclarationFacts, Step


class HoldDecision(StrEnum):
    RELEASE = "release"  # the discrepancy is explained: the goods may exit
    REFUSE = "refuse"  # the goods may not exit


class RemarksRequired(InvalidInput):
    """Broken seals and hold decisions must say what was found."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, [Violation("remarks", reason)])


@dataclass(frozen=True)
class Hold:
    decision: HoldDecision
    remarks: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True)
class Transit:
    declaration_id: UUID
    customs_number: str  # what the exit officer and the forwarder's ERP know it by
    departure_office: str
    exit_office: str
    seals: tuple[str, ...]
    carrier: str
    means_id: str
    route: str
    released_at: datetime
    deadline: datetime
    arrived_at: datetime | None = None
    seals_intact: bool | None = None
    remarks: str | None = None
    overdue_at: datetime | None = None
    hold: Hold | None = None

    @classmethod
    def start(
        cls, *, declaration_id: UUID, declaration: DeclarationFacts, released_at: datetime
    ) -> "Transit":
        terms = declaration.transit
        if terms is None:
            raise ValueError("only a direct transfer travels as a transit")
        routing = declaration.routing
        return cls(
            declaration_id=declaration_id,
            customs_number=declaration.customs_number,
            departure_office=routing.departure_office or routing.release_office,
            exit_office=routing.exit_office,
            seals=tuple(terms.seals),
            carrier=terms.carrier,
            means_id=declaration.transport.means_id,
            route=terms.route,
            released_at=released_at,
            deadline=released_at + timedelta(hours=terms.time_limit_hours),
        )

    @property
    def overdue(self) -> bool:
        return self.overdue_at is not None

    def arrive(
        self, *, at: datetime, seals_intact: bool, remarks: str | None
    ) -> tuple["Transit", Step]:
        """The transit after its arrival, and the step it means for the declaration."""
        remarks = (remarks or "").strip() or None
        if not seals_intact and remarks is None:
            raise RemarksRequired("say what was found when the seals are broken")
        arrived = replace(self, arrived_at=at, seals_intact=seals_intact, remarks=remarks)
        return arrived, Step.ARRIVE_AT_EXIT if seals_intact else Step.HOLD_AT_EXIT

    def decide_hold(
        self, *, decision: HoldDecision, remarks: str, officer: str, at: datetime
    ) -> tuple["Transit", Step]:
        if not remarks.strip():
            raise RemarksRequired("say why the hold is decided this way")
        hold = Hold(decision=decision, remarks=remarks.strip(), decided_by=officer, decided_at=at)
        step = Step.RELEASE_HELD if decision is HoldDecision.RELEASE else Step.REFUSE_HELD
        return replace(self, hold=hold), step
