"""SQL of the statistics read model: idempotent upserts from events, aggregates for the API.

Every write is an upsert that can arrive in any order across topics (a release before the
declaration it releases, from another partition): a row is created by whichever event comes
first, and the declaration's own facts change only for a higher revision.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_gateway.db import stat_appointments, stat_declarations, stat_vehicles
from clearway_gateway.statistics.models import (
    Count,
    DeclarationFacts,
    Durations,
    GroupBy,
    Question,
    SlotUse,
    customs_day,
)

d = stat_declarations.c
v = stat_vehicles.c
a = stat_appointments.c

TABLES = (stat_vehicles, stat_appointments, stat_declarations)


async def record_declaration(session: AsyncSession, facts: DeclarationFacts) -> bool:
    """Keep ``facts`` unless a revision as high is kept already; whether they were kept."""
    values = {
        "revision": facts.revision,
        "office": facts.office,
        "mode": facts.mode,
        "destination_country": facts.destination_country,
        "lodged_at": facts.lodged_at,
        "day": facts.day,
        "vehicles": len(facts.vehicles),
    }
    statement = (
        upsert(stat_declarations)
        .values(declaration_id=facts.declaration_id, **values)
        .on_conflict_do_update(
            index_elements=[d.declaration_id],
            set_=values,
            where=or_(d.revision.is_(None), d.revision < facts.revision),
        )
        .returning(d.declaration_id)
    )
    if (await session.execute(statement)).first() is None:
        return False
    await session.execute(delete(stat_vehicles).where(v.declaration_id == facts.declaration_id))
    if facts.vehicles:
        await session.execute(
            insert(stat_vehicles),
            [
                {
                    "declaration_id": facts.declaration_id,
                    "line": vehicle.line,
                    "power": vehicle.power,
                    "condition": vehicle.condition,
                }
                for vehicle in facts.vehicles
            ],
        )
    return True


async def _touch(
    session: AsyncSession,
    declaration_id: UUID,
    values: dict[str, Any],
    where: ColumnElement[bool] | None = None,
) -> None:
    """Set ``values`` on a declaration's row, creating it if no event of it came yet."""
    statement = (
        upsert(stat_declarations)
        .values(declaration_id=declaration_id, **values)
        .on_conflict_do_update(index_elements=[d.declaration_id], set_=values, where=where)
    )
    await session.execute(statement)


async def record_lane(
    session: AsyncSession, declaration_id: UUID, lane: str, revision: int
) -> None:
    await _touch(
        session,
        declaration_id,
        {"lane": lane, "lane_revision": revision},
        where=or_(d.lane_revision.is_(None), d.lane_revision <= revision),
    )


async def record_release(session: AsyncSession, declaration_id: UUID, at: datetime) -> None:
    await _touch(session, declaration_id, {"released_at": at}, where=d.released_at.is_(None))


async def withdraw_release(session: AsyncSession, declaration_id: UUID) -> None:
    await session.execute(
        update(stat_declarations).where(d.declaration_id == declaration_id).values(released_at=None)
    )


async def record_exit(session: AsyncSession, declaration_id: UUID, at: datetime) -> None:
    await _touch(session, declaration_id, {"exited_at": at}, where=d.exited_at.is_(None))


async def record_cancellation(session: AsyncSession, declaration_id: UUID, at: datetime) -> None:
    await _touch(session, declaration_id, {"cancelled_at": at})


async def record_appointment(
    session: AsyncSession, appointment_id: UUID, site_id: str, slot_start: datetime, state: str
) -> None:
    values = {
        "site_id": site_id,
        "slot_start": slot_start,
        "day": customs_day(slot_start),
        "state": state,
    }
    await session.execute(
        upsert(stat_appointments)
        .values(appointment_id=appointment_id, **values)
        .on_conflict_do_update(index_elements=[a.appointment_id], set_=values)
    )


async def record_arrival(session: AsyncSession, appointment_id: UUID, at: datetime) -> None:
    await session.execute(
        update(stat_appointments)
        .where(a.appointment_id == appointment_id, a.arrived_at.is_(None))
        .values(arrived_at=at)
    )


async def empty(session: AsyncSession) -> None:
    """Forget everything the read model holds (before a rebuild)."""
    names = ", ".join(table.name for table in TABLES)
    # The inbox too: the gateway's holds only the statistics' event ids, and every event
    # must be applied again.
    await session.execute(text(f"TRUNCATE {names}, inbox"))


def _counted(question: Question) -> ColumnElement[bool]:
    """Declarations lodged in the period (at the office asked) and not cancelled."""
    conditions: list[ColumnElement[bool]] = [
        d.revision.is_not(None),
        d.day.between(question.period.first, question.period.last),
        d.cancelled_at.is_(None),
    ]
    if question.office is not None:
        conditions.append(d.office == question.office)
    return and_(*conditions)


_DECLARATION_KEYS = {
    GroupBy.OFFICE: d.office,
    GroupBy.MODE: d.mode,
    GroupBy.DESTINATION: d.destination_country,
}
_VEHICLE_KEYS = {GroupBy.POWER: v.power, GroupBy.CONDITION: v.condition}


async def counts(session: AsyncSession, question: Question, group_by: GroupBy) -> list[Count]:
    """Declarations and vehicles per day and key, in day then key order."""
    query: Select[Any]
    if group_by in _DECLARATION_KEYS:
        key = _DECLARATION_KEYS[group_by]
        query = select(d.day, key, func.count(), func.sum(d.vehicles)).where(_counted(question))
    else:
        key = _VEHICLE_KEYS[group_by]
        query = (
            select(d.day, key, func.count(func.distinct(d.declaration_id)), func.count())
            .select_from(stat_declarations.join(stat_vehicles))
            .where(_counted(question))
        )
    query = query.group_by(d.day, key).order_by(d.day, key)
    rows = (await session.execute(query)).all()
    return [Count(day, str(k), int(n), int(vehicles or 0)) for day, k, n, vehicles in rows]


async def lanes(session: AsyncSession, question: Question) -> dict[str, int]:
    query = (
        select(d.lane, func.count()).where(_counted(question), d.lane.is_not(None)).group_by(d.lane)
    )
    return {lane: int(n) for lane, n in (await session.execute(query)).all()}


async def durations(session: AsyncSession, question: Question) -> list[Durations]:
    """p50/p90/p99 of lodging to release and lodging to exit, per office and lane."""
    found = []
    for stage, end in (("release", d.released_at), ("exit", d.exited_at)):
        seconds = func.extract("epoch", end - d.lodged_at)
        percentiles = [
            func.percentile_cont(fraction).within_group(seconds) for fraction in (0.5, 0.9, 0.99)
        ]
        query = (
            select(d.office, d.lane, func.count(), *percentiles)
            .where(_counted(question), end.is_not(None), d.lane.is_not(None))
            .group_by(d.office, d.lane)
            .order_by(d.office, d.lane)
        )
        for office, lane, n, p50, p90, p99 in (await session.execute(query)).all():
            found.append(Durations(office, lane, stage, int(n), float(p50), float(p90), float(p99)))
    return found


async def slot_use(
    session: AsyncSession, first: date, last: date, site_id: str | None
) -> list[SlotUse]:
    def state(name: str) -> Any:
        return func.count().filter(a.state == name)

    query = (
        select(
            a.day,
            a.site_id,
            state("booked"),
            func.count().filter(a.arrived_at.is_not(None)),
            state("missed"),
            state("cancelled"),
        )
        .where(a.day.between(first, last))
        .group_by(a.day, a.site_id)
        .order_by(a.day, a.site_id)
    )
    if site_id is not None:
        query = query.where(a.site_id == site_id)
    return [
        SlotUse(day, site, int(booked), int(arrived), int(missed), int(cancelled))
        for day, site, booked, arrived, missed, cancelled in (await session.execute(query)).all()
    ]
