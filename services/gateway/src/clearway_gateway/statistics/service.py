"""Use cases of the statistics: record what the events say, answer the dashboard's questions.

The ``record_*`` functions run inside the consumer's unit of work (one transaction per batch,
with the inbox); the questions each open their own, read only.
"""

from datetime import date, datetime
from uuid import UUID

from clearway_gateway.statistics import repository
from clearway_gateway.statistics.models import (
    Count,
    DeclarationFacts,
    Durations,
    GroupBy,
    Question,
    Share,
    SlotUse,
    shares,
)
from clearway_platform.uow import UnitOfWork


async def record_declaration(*, uow: UnitOfWork, facts: DeclarationFacts) -> bool:
    return await repository.record_declaration(uow.session, facts)


async def record_lane(*, uow: UnitOfWork, declaration_id: UUID, lane: str, revision: int) -> None:
    await repository.record_lane(uow.session, declaration_id, lane, revision)


async def record_release(*, uow: UnitOfWork, declaration_id: UUID, at: datetime) -> None:
    await repository.record_release(uow.session, declaration_id, at)


async def withdraw_release(*, uow: UnitOfWork, declaration_id: UUID) -> None:
    await repository.withdraw_release(uow.session, declaration_id)


async def record_exit(*, uow: UnitOfWork, declaration_id: UUID, at: datetime) -> None:
    await repository.record_exit(uow.session, declaration_id, at)


async def record_cancellation(*, uow: UnitOfWork, declaration_id: UUID, at: datetime) -> None:
    await repository.record_cancellation(uow.session, declaration_id, at)


async def record_appointment(
    *, uow: UnitOfWork, appointment_id: UUID, site_id: str, slot_start: datetime, state: str
) -> None:
    await repository.record_appointment(uow.session, appointment_id, site_id, slot_start, state)


async def record_arrival(*, uow: UnitOfWork, appointment_id: UUID, at: datetime) -> None:
    await repository.record_arrival(uow.session, appointment_id, at)


async def empty(*, uow: UnitOfWork) -> None:
    async with uow:
        await repository.empty(uow.session)
        await uow.commit()


async def counts(*, uow: UnitOfWork, question: Question, group_by: GroupBy) -> list[Count]:
    async with uow:
        return await repository.counts(uow.session, question, group_by)


async def lane_shares(*, uow: UnitOfWork, question: Question) -> list[Share]:
    async with uow:
        return shares(await repository.lanes(uow.session, question))


async def release_times(*, uow: UnitOfWork, question: Question) -> list[Durations]:
    async with uow:
        return await repository.durations(uow.session, question)


async def slot_use(
    *, uow: UnitOfWork, first: date, last: date, site_id: str | None
) -> list[SlotUse]:
    async with uow:
        return await repository.slot_use(uow.session, first, last, site_id)
