"""The release decision, as pure rules over what this service knows of a declaration.

Declaration and inspection events travel on two topics and may arrive in any order (a lane
before the acceptance, say). So each declaration has a *case* that gathers the facts as they
come, and ``Case.decide`` says, from the facts alone, whether to release, to refuse, or to
wait for more:

* nothing is decided before the declaration itself is known;
* a lane or a check counts only when it is about a revision risk had to judge: at or after
  the latest risk-relevant revision, and not beyond the revision this service has seen;
* green releases; yellow waits for the document check, red for the physical inspection, and
  the check's outcome releases or refuses.

A decision is for the revision this service knows, and it is *pending* until the declaration
service records it for that same revision (its ``status_changed`` event): the declaration
service is where amendments and cancellations are put in order against decisions. Until then:

* a newer revision (the declarant amended first) withdraws the pending decision, and the case
  is decided again on the new revision's facts;
* a cancellation (the declarant cancelled first) withdraws it and closes the case.

Once in force, nothing withdraws a decision, and only then may goods arrive at exit, be held
or exit. A case is decided once per revision; all of it happens under the case's row lock.
"""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from clearway_contracts.events.common import (
    ClearanceMode,
    DeclarationStatus,
    Frozen,
    Lane,
    Outcome,
    Reason,
    RoutingPlan,
    TransitTerms,
    Transport,
)
from clearway_platform.domain_errors import Conflict


class Status(StrEnum):
    WAITING = "waiting"  # not decided yet: facts are still missing
    CANCELLED = "cancelled"
    NOT_RELEASED = "not_released"
    RELEASED = "released"
    RELEASED_FOR_TRANSIT = "released_for_transit"
    ARRIVED_AT_EXIT = "arrived_at_exit"
    HELD = "held"
    EXITED = "exited"


class Step(StrEnum):
    ARRIVE_AT_EXIT = "arrive_at_exit"
    HOLD_AT_EXIT = "hold_at_exit"
    RELEASE_HELD = "release_held"  # the officer let the held goods go on to exit
    REFUSE_HELD = "refuse_held"  # the officer refused them
    EXIT = "exit"


# What happens after the decision. The decision itself (from WAITING) is ``Case.decided``.
TRANSITIONS: dict[Step, dict[Status, Status]] = {
    Step.ARRIVE_AT_EXIT: {Status.RELEASED_FOR_TRANSIT: Status.ARRIVED_AT_EXIT},
    Step.HOLD_AT_EXIT: {Status.RELEASED_FOR_TRANSIT: Status.HELD},
    Step.RELEASE_HELD: {Status.HELD: Status.ARRIVED_AT_EXIT},
    Step.REFUSE_HELD: {Status.HELD: Status.NOT_RELEASED},
    Step.EXIT: {Status.RELEASED: Status.EXITED, Status.ARRIVED_AT_EXIT: Status.EXITED},
}


class IllegalStep(Conflict):
    def __init__(self, status: Status, step: Step) -> None:
        super().__init__(f"cannot {step.value.replace('_', ' ')} when the declaration is {status}")
        self.status = status
        self.step = step


def advance(status: Status, step: Step) -> Status:
    try:
        return TRANSITIONS[step][status]
    except KeyError:
        raise IllegalStep(status, step) from None


class NotInForce(Conflict):
    """The decision is not yet recorded on the declaration (or not the one asked about)."""


@dataclass(frozen=True)
class DecisionInForce(Exception):
    """A declaration event that the declaration service refuses once a decision is in force:
    seeing one means the two services disagree, which an operator must look at."""

    detail: str

    def __str__(self) -> str:
        return self.detail


# The decisions, and what the declaration's status is once the declaration service records them.
DECISIONS: dict[Status, DeclarationStatus] = {
    Status.RELEASED: DeclarationStatus.RELEASED,
    Status.RELEASED_FOR_TRANSIT: DeclarationStatus.RELEASED_FOR_TRANSIT,
    Status.NOT_RELEASED: DeclarationStatus.NOT_RELEASED,
}


class CheckKind(StrEnum):
    DOCUMENTS = "documents"  # the yellow lane's documentary check
    PHYSICAL = "physical"  # the red lane's inspection


CHECK_FOR_LANE = {Lane.YELLOW: CheckKind.DOCUMENTS, Lane.RED: CheckKind.PHYSICAL}


class DeclarationFacts(Frozen):
    """What one revision of a declaration says that release needs."""

    revision: int
    customs_number: str
    declarant: str
    routing: RoutingPlan
    transport: Transport
    transit: TransitTerms | None = None
    vins: tuple[str, ...] = ()

    @property
    def direct_transfer(self) -> bool:
        return self.routing.mode is ClearanceMode.DIRECT_TRANSFER


class LaneFact(Frozen):
    lane: Lane
    revision: int


class CheckFact(Frozen):
    kind: CheckKind
    outcome: Outcome
    revision: int
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Release:
    office: str


@dataclass(frozen=True)
class Refusal:
    office: str
    reasons: tuple[Reason, ...]


Verdict = Release | Refusal


class Case(Frozen):
    declaration_id: UUID
    status: Status = Status.WAITING
    declaration: DeclarationFacts | None = None
    risk_revision: int = 0  # the latest revision risk had to judge
    lane: LaneFact | None = None
    checks: dict[CheckKind, CheckFact] = {}
    decided_for: int | None = None  # the revision the decision is for
    in_force: bool = False  # the declaration service recorded the decision for that revision

    @property
    def decided(self) -> bool:
        return self.status is not Status.WAITING

    @property
    def pending(self) -> bool:
        """A decision taken here that the declaration service has not recorded yet."""
        return self.status in DECISIONS and not self.in_force

    def with_declaration(self, facts: DeclarationFacts, *, risk_relevant: bool) -> "Case":
        """Learn a revision; a newer one withdraws a pending decision (it was amended first)."""
        current = self.declaration
        if current is not None and facts.revision <= current.revision:
            return self  # an older revision than the one known
        if self.in_force:
            raise DecisionInForce(
                f"revision {facts.revision} arrived after the decision for revision "
                f"{self.decided_for} was recorded on the declaration"
            )
        case = self._withdrawn() if self.pending else self
        risk_revision = facts.revision if risk_relevant or current is None else self.risk_revision
        return case.model_copy(update={"declaration": facts, "risk_revision": risk_revision})

    def with_lane(self, lane: LaneFact) -> "Case":
        if self.lane is not None and lane.revision < self.lane.revision:
            return self
        return self.model_copy(update={"lane": lane})

    def with_check(self, check: CheckFact) -> "Case":
        known = self.checks.get(check.kind)
        if known is not None and check.revision < known.revision:
            return self
        return self.model_copy(update={"checks": {**self.checks, check.kind: check}})

    def cancelled(self) -> "Case":
        """Closed: the declarant withdrew the declaration before a release was recorded. A
        pending decision is withdrawn; a refusal in force stays on record."""
        if self.in_force and self.status is not Status.NOT_RELEASED:
            raise DecisionInForce(
                f"a cancellation arrived after the release of revision {self.decided_for} "
                "was recorded on the declaration"
            )
        case = self._withdrawn() if self.pending else self
        return case.model_copy(update={"status": Status.CANCELLED})

    def recorded(self, status: DeclarationStatus, revision: int) -> "Case":
        """The declaration service says the declaration's ``status`` at ``revision``: when that
        is this case's decision, the decision is in force."""
        if self.pending and self.decided_for == revision and DECISIONS[self.status] is status:
            return self.model_copy(update={"in_force": True})
        return self

    def _require_in_force(self, revision: int) -> None:
        if not self.in_force or self.decided_for is None:
            raise NotInForce(
                "the decision is not yet recorded on the declaration; retry in a moment"
                if self.pending
                else f"nothing is released for this declaration ({self.status})"
            )
        if revision != self.decided_for:
            raise NotInForce(
                f"the decision is for revision {self.decided_for}, not revision {revision}"
            )

    def decide(self) -> Verdict | None:
        """The verdict the facts support, or None to wait (or when already decided)."""
        declaration = self.declaration
        if self.decided or declaration is None or not self._judged(self.lane):
            return None
        assert self.lane is not None
        office = declaration.routing.release_office
        if self.lane.lane is Lane.GREEN:
            return Release(office)
        check = self.checks.get(CHECK_FOR_LANE[self.lane.lane])
        if check is None or not self._judged(check):
            return None
        if check.outcome is Outcome.PASSED:
            return Release(office)
        return Refusal(office, check.reasons or (_failed_without_reasons(check.kind),))

    def released(self) -> "Case":
        assert self.declaration is not None
        transfer = self.declaration.direct_transfer
        status = Status.RELEASED_FOR_TRANSIT if transfer else Status.RELEASED
        return self._decided(status)

    def refused(self) -> "Case":
        return self._decided(Status.NOT_RELEASED)

    def step(self, step: Step, *, revision: int) -> "Case":
        """What happens after a decision in force (arrival, hold, exit), acting on ``revision``:
        raises IllegalStep or NotInForce when it may not happen."""
        status = advance(self.status, step)
        self._require_in_force(revision)
        return self.model_copy(update={"status": status})

    def _decided(self, status: Status) -> "Case":
        assert self.declaration is not None
        update = {"status": status, "decided_for": self.declaration.revision, "in_force": False}
        return self.model_copy(update=update)

    def _withdrawn(self) -> "Case":
        return self.model_copy(update={"status": Status.WAITING, "decided_for": None})

    def _judged(self, fact: LaneFact | CheckFact | None) -> bool:
        """Is ``fact`` about a revision that risk judged and this service has seen?"""
        if fact is None or self.declaration is None:
            return False
        return self.risk_revision <= fact.revision <= self.declaration.revision


def _failed_without_reasons(kind: CheckKind) -> Reason:
    return Reason(code=f"{kind.value}_check_failed", text=f"the {kind.value} check failed")
