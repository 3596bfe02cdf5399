"""Use cases of the release decision, fed by declaration and inspection events.

One decision in force per declaration, for the revision the declaration service recorded it
for, and never a release after a cancellation or for a revision amended since
(``releases.models`` says how a decision is pending, then in force or withdrawn):

* Every event about a declaration opens its case with the row locked (``open_case``) and
  holds the lock until the consumer's transaction commits; a declaration's first event
  creates the case, locked as well. Two consumer replicas, or a
  declaration event and an inspection event handled at the same moment, take turns.
* Under that lock, a cancellation makes the case ``cancelled`` and nothing is ever decided
  for it again; a pending decision it finds is withdrawn (``clearway.release.withdrawn.v1``).
* ``release_decisions`` allows one decision per revision and one not withdrawn per
  declaration, and the consumer's inbox drops redelivered events: a second decision cannot be
  written even by mistake.

The event use cases run inside the consumer's transaction: they neither enter nor commit
the unit of work.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from clearway_contracts.events.common import DeclarationStatus, Reason
from clearway_contracts.events.release import (
    Released,
    ReleasedForTransit,
    ReleaseRefused,
    ReleaseWithdrawn,
    TransitRecord,
)
from clearway_platform.domain_errors import NotFound
from clearway_platform.errors import PermanentEventError
from clearway_platform.uow import UnitOfWork
from clearway_release.cases import repository as cases
from clearway_release.cases.models import (
    Case,
    CheckFact,
    DecisionInForce,
    DeclarationFacts,
    LaneFact,
    Refusal,
    Release,
)
from clearway_release.exits import repository as exits_repository
from clearway_release.releases import repository
from clearway_release.releases.models import Decision
from clearway_release.transits import repository as transits_repository
from clearway_release.transits.models import Transit


async def record_declaration(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    facts: DeclarationFacts,
    risk_relevant: bool,
    now: datetime,
) -> Case:
    return await _observe(
        uow,
        declaration_id,
        lambda case: case.with_declaration(facts, risk_relevant=risk_relevant),
        now=now,
        withdrawn_because=Reason(
            code="amended",
            text=f"the declaration was amended to revision {facts.revision} first",
        ),
    )


async def record_cancellation(*, uow: UnitOfWork, declaration_id: UUID, now: datetime) -> Case:
    return await _observe(
        uow,
        declaration_id,
        Case.cancelled,
        now=now,
        withdrawn_because=Reason(code="cancelled", text="the declaration was cancelled first"),
    )


async def record_lane(
    *, uow: UnitOfWork, declaration_id: UUID, lane: LaneFact, now: datetime
) -> Case:
    return await _observe(uow, declaration_id, lambda case: case.with_lane(lane), now=now)


async def record_check(
    *, uow: UnitOfWork, declaration_id: UUID, check: CheckFact, now: datetime
) -> Case:
    return await _observe(uow, declaration_id, lambda case: case.with_check(check), now=now)


async def record_status(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    status: DeclarationStatus,
    revision: int,
    now: datetime,
) -> Case:
    """The declaration service recorded a status: when it is this case's decision for the
    same revision, the decision is in force (and a direct transfer's transit starts)."""
    return await _observe(
        uow, declaration_id, lambda case: case.recorded(status, revision), now=now
    )


async def _observe(
    uow: UnitOfWork,
    declaration_id: UUID,
    learn: Callable[[Case], Case],
    *,
    now: datetime,
    withdrawn_because: Reason | None = None,
) -> Case:
    """Add a fact to the locked case and decide, if the facts now allow it.

    The case is opened as this fact would leave a new one, so a declaration's first event
    is one statement; a later one is two, open and save (with the decision, if any). In
    the release bench that is three statements per declaration where there were six.
    """
    first = learn(Case(declaration_id=declaration_id))
    stored = await cases.open_case(uow.session, first, now=now)
    try:
        case = first if stored == first else learn(stored)
    except DecisionInForce as exc:
        raise PermanentEventError(str(exc)) from None
    if stored.pending and case.decided_for != stored.decided_for:
        assert withdrawn_because is not None  # only a revision or a cancellation withdraws
        await _withdraw(uow, stored, withdrawn_because, now)
    if case.in_force and not stored.in_force:
        await _put_in_force(uow, case, now)
    verdict = case.decide()
    if isinstance(verdict, Release):
        return await _release(uow, case.released(), verdict, now)
    if isinstance(verdict, Refusal):
        return await _refuse(uow, case.refused(), verdict, now)
    if case != stored:
        await cases.save_case(uow.session, case, now=now)
    return case


async def _release(uow: UnitOfWork, case: Case, verdict: Release, now: datetime) -> Case:
    declaration = case.declaration
    assert declaration is not None
    number = await repository.save_release(uow.session, case, office=verdict.office, now=now)
    if not declaration.direct_transfer:
        uow.publish(
            Released(
                declaration_id=case.declaration_id,
                revision=declaration.revision,
                release_number=number,
                office=verdict.office,
                released_at=now,
            )
        )
        return case
    # The transit itself starts when the release is in force (``_put_in_force``).
    transit = Transit.start(
        declaration_id=case.declaration_id, declaration=declaration, released_at=now
    )
    uow.publish(
        ReleasedForTransit(
            declaration_id=case.declaration_id,
            revision=declaration.revision,
            release_number=number,
            office=verdict.office,
            released_at=now,
            transit=TransitRecord(
                departure_office=transit.departure_office,
                exit_office=transit.exit_office,
                seals=list(transit.seals),
                carrier=transit.carrier,
                means_id=transit.means_id,
                route=transit.route,
                deadline=transit.deadline,
            ),
        )
    )
    return case


async def _refuse(uow: UnitOfWork, case: Case, verdict: Refusal, now: datetime) -> Case:
    assert case.decided_for is not None
    refusal = Decision(
        declaration_id=case.declaration_id,
        revision=case.decided_for,
        office=verdict.office,
        decided_at=now,
        reasons=verdict.reasons,
    )
    await repository.save_refusal(uow.session, case, refusal)
    uow.publish(
        ReleaseRefused(
            declaration_id=case.declaration_id,
            revision=case.decided_for,
            office=verdict.office,
            reasons=list(verdict.reasons),
            refused_at=now,
        )
    )
    return case


async def _withdraw(uow: UnitOfWork, pending: Case, reason: Reason, now: datetime) -> None:
    """The declaration service put an amendment or a cancellation before the pending
    decision: it never takes effect."""
    assert pending.decided_for is not None
    number = await repository.withdraw_decision(
        uow.session, pending.declaration_id, revision=pending.decided_for, at=now
    )
    uow.publish(
        ReleaseWithdrawn(
            declaration_id=pending.declaration_id,
            revision=pending.decided_for,
            release_number=number,
            reason=reason,
            withdrawn_at=now,
        )
    )


async def _put_in_force(uow: UnitOfWork, case: Case, now: datetime) -> None:
    assert case.decided_for is not None and case.declaration is not None
    decision = await repository.put_in_force(
        uow.session, case.declaration_id, revision=case.decided_for, at=now
    )
    if decision.released and case.declaration.direct_transfer:
        transit = Transit.start(
            declaration_id=case.declaration_id,
            declaration=case.declaration,
            released_at=decision.decided_at,
        )
        await transits_repository.add(uow.session, transit)


@dataclass(frozen=True)
class ReleaseRecord:
    """Everything this service knows of one declaration, for reading."""

    case: Case
    decision: Decision | None
    transit: Transit | None
    exited_vins: list[str]


async def find_release(
    *, uow: UnitOfWork, declaration_id: UUID, tenant: str | None, office: str | None
) -> ReleaseRecord:
    """The declaration's release, for its declarant (``tenant``), an officer of one of its
    offices (``office``), or anyone when both are None. Anything else is not found."""
    async with uow:
        case = await cases.get_case(uow.session, declaration_id)
        if case is None or not _visible(case, tenant=tenant, office=office):
            raise NotFound(f"release of declaration {declaration_id}")
        return ReleaseRecord(
            case=case,
            decision=await repository.get_decision(uow.session, declaration_id),
            transit=await transits_repository.get(uow.session, declaration_id),
            exited_vins=await exits_repository.exited_vins(uow.session, declaration_id),
        )


def _visible(case: Case, *, tenant: str | None, office: str | None) -> bool:
    declaration = case.declaration
    if declaration is None:
        return False  # only inspection events so far: nothing to show yet
    if tenant is not None and tenant != declaration.declarant:
        return False
    return office is None or office in declaration.routing.offices()
