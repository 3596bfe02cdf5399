"""Use case of the exit-port officer: confirm that goods left, whole or vehicle by vehicle."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from clearway_contracts.events.release import ExitConfirmed
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import NotFound
from clearway_platform.uow import UnitOfWork
from clearway_release.cases import repository as cases
from clearway_release.cases.models import Status, Step
from clearway_release.exits import repository
from clearway_release.exits.models import plan_exit


@dataclass(frozen=True)
class ExitState:
    status: Status
    exited_now: tuple[str, ...]
    exited: list[str]  # every vehicle that has left so far
    remaining: list[str]


async def confirm_exit(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    office: str,
    officer: str,
    revision: int,
    vins: Sequence[str] | None,
    clock: Clock = system_clock,
) -> ExitState:
    """Record the exit of ``vins`` (None: everything not yet exited) at the exit ``office``,
    under the release of ``revision``, which must be in force."""
    now = clock()
    async with uow:
        case = await cases.lock_case(uow.session, declaration_id)
        declaration = case.declaration if case else None
        if case is None or declaration is None or declaration.routing.exit_office != office:
            raise NotFound(f"declaration {declaration_id} leaving through office {office}")
        exited_case = case.step(Step.EXIT, revision=revision)  # may anything leave at all?
        plan = plan_exit(
            declared=declaration.vins,
            exited=await repository.exited_vins(uow.session, declaration_id),
            requested=vins,
        )
        await repository.add(
            uow.session,
            declaration_id=declaration_id,
            vins=plan.vins,
            office=office,
            officer=officer,
            at=now,
        )
        if plan.complete:
            case = exited_case
            await cases.save_case(uow.session, case, now=now)
        uow.publish(
            ExitConfirmed(
                declaration_id=declaration_id,
                revision=revision,
                office=office,
                vins=list(plan.vins),
                complete=plan.complete,
                exited_at=now,
            )
        )
        exited = await repository.exited_vins(uow.session, declaration_id)
        await uow.commit()
    return ExitState(
        status=case.status,
        exited_now=plan.vins,
        exited=exited,
        remaining=[vin for vin in declaration.vins if vin not in exited],
    )
