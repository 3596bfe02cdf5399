"""Use cases of the exit-port officer for transits, and of the overdue watch.

An officer acts only on transits bound for their own office; any other is not found.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from clearway_contracts.events.release import HoldDecided, TransitArrived, TransitOverdue
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import NotFound
from clearway_platform.uow import UnitOfWork
from clearway_release.cases import repository as cases
from clearway_release.cases.models import Case, Status
from clearway_release.transits import repository
from clearway_release.transits.models import HoldDecision, Transit


@dataclass(frozen=True)
class TransitState:
    status: Status
    transit: Transit


async def record_arrival(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    office: str,
    revision: int,
    seals_intact: bool,
    remarks: str | None,
    clock: Clock = system_clock,
) -> TransitState:
    """The transit reached the exit port: intact seals let it go on, broken ones hold it."""
    now = clock()
    async with uow:
        case, transit = await _locked(uow, declaration_id, office)
        transit, step = transit.arrive(at=now, seals_intact=seals_intact, remarks=remarks)
        case = case.step(step, revision=revision)
        await repository.save(uow.session, transit)
        await cases.save_case(uow.session, case, now=now)
        uow.publish(
            TransitArrived(
                declaration_id=declaration_id,
                revision=revision,
                office=office,
                arrived_at=now,
                seals_intact=seals_intact,
                held=case.status is Status.HELD,
                remarks=transit.remarks,
            )
        )
        await uow.commit()
    return TransitState(case.status, transit)


async def decide_hold(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    office: str,
    officer: str,
    revision: int,
    decision: HoldDecision,
    remarks: str,
    clock: Clock = system_clock,
) -> TransitState:
    """Release held goods to exit, or refuse them."""
    now = clock()
    async with uow:
        case, transit = await _locked(uow, declaration_id, office)
        transit, step = transit.decide_hold(
            decision=decision, remarks=remarks, officer=officer, at=now
        )
        case = case.step(step, revision=revision)
        await repository.save(uow.session, transit)
        await cases.save_case(uow.session, case, now=now)
        uow.publish(
            HoldDecided(
                declaration_id=declaration_id,
                revision=revision,
                office=office,
                released=decision is HoldDecision.RELEASE,
                remarks=remarks.strip(),
                officer=officer,
                decided_at=now,
            )
        )
        await uow.commit()
    return TransitState(case.status, transit)


async def list_transits(
    *,
    uow: UnitOfWork,
    exit_office: str,
    overdue: bool | None,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[Transit]:
    """Transits bound for ``exit_office``, earliest deadline first, after the cursor."""
    async with uow:
        return await repository.page(
            uow.session, exit_office=exit_office, overdue=overdue, after=after, limit=limit
        )


async def raise_overdue(*, uow: UnitOfWork, now: datetime, limit: int) -> int:
    """Report each transit late at ``now`` once, whatever number of watches run."""
    async with uow:
        late = await repository.claim_overdue(uow.session, now=now, limit=limit)
        for declaration_id, deadline in late:
            uow.publish(
                TransitOverdue(declaration_id=declaration_id, deadline=deadline, detected_at=now)
            )
        await uow.commit()
    return len(late)


async def count_overdue(*, uow: UnitOfWork, now: datetime) -> int:
    """How many transits are late at ``now`` and still on the road."""
    async with uow:
        return await repository.count_overdue(uow.session, now=now)


async def _locked(uow: UnitOfWork, declaration_id: UUID, office: str) -> tuple[Case, Transit]:
    case = await cases.lock_case(uow.session, declaration_id)
    transit = await repository.get(uow.session, declaration_id)
    if case is None or transit is None or transit.exit_office != office:
        raise NotFound(f"transit of declaration {declaration_id} to office {office}")
    return case, transit
