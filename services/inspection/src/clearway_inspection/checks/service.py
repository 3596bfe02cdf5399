"""Use cases of the officers who decide documentary checks."""

from dataclasses import replace
from datetime import datetime
from uuid import UUID

from clearway_contracts.events.common import Lane, Outcome, Reason
from clearway_contracts.events.inspection import DocumentCheckCompleted
from clearway_inspection.checks import repository
from clearway_inspection.checks.models import CheckStatus, DocumentCheck
from clearway_inspection.declarations import repository as declarations
from clearway_inspection.metrics import count_completion
from clearway_inspection.outcomes import check_reasons
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import Conflict, NotFound
from clearway_platform.uow import UnitOfWork


async def open_checks(*, uow: UnitOfWork, office: str) -> list[DocumentCheck]:
    async with uow:
        return await repository.list_open(uow.session, office=office)


async def decide(
    *,
    uow: UnitOfWork,
    check_id: UUID,
    office: str,
    officer: str,
    revision: int,
    outcome: Outcome,
    reasons: list[Reason],
    clock: Clock = system_clock,
) -> DocumentCheck:
    """Decide an open check for the declaration's ``revision``."""
    check_reasons(outcome, reasons)
    async with uow:
        check = await repository.get(uow.session, check_id, office=office)
        if check is None:
            raise NotFound("document check")
        if check.status is not CheckStatus.OPEN:
            raise Conflict(f"this document check is {check.status}, not open")
        declaration = await declarations.get(uow.session, check.declaration_id)
        assert declaration is not None  # a check belongs to a declaration we keep
        refusal = declaration.work_refusal(Lane.YELLOW)
        if refusal is not None:
            raise Conflict(f"no document check now: {refusal}")
        if revision != declaration.revision:
            raise Conflict(
                f"the declaration is at revision {declaration.revision}, not {revision}: "
                "review what changed and decide again"
            )
        now = clock()
        await repository.record_decision(
            uow.session,
            check_id,
            revision=revision,
            outcome=outcome,
            reasons=reasons,
            officer=officer,
            at=now,
        )
        await declarations.mark_checked(uow.session, declaration.id, revision)
        uow.publish(
            DocumentCheckCompleted(
                declaration_id=check.declaration_id,
                revision=revision,
                outcome=outcome,
                reasons=reasons,
                officer=officer,
                completed_at=now,
            )
        )
        count_completion(uow, check="document", outcome=outcome.value)
        await uow.commit()
    return replace(check, status=CheckStatus(outcome.value), revision=revision)


async def open_check(*, uow: UnitOfWork, declaration_id: UUID, office: str, at: datetime) -> None:
    """A yellow lane opens a check for the officers of ``office``, unless one is open.

    Runs inside the caller's transaction (an event consumer's)."""
    await repository.open_check(uow.session, declaration_id=declaration_id, office=office, at=at)


async def close_open(*, uow: UnitOfWork, declaration_id: UUID) -> None:
    """The declaration left the yellow lane or is finished: its open check closes.

    Runs inside the caller's transaction (an event consumer's)."""
    await repository.close_open(uow.session, declaration_id)
