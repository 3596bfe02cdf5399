"""Sites and their slot counters."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import RowMapping, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_inspection.db import sites, slots
from clearway_inspection.sites.models import Calendar, OpeningHours, Site


async def list_all(session: AsyncSession) -> list[Site]:
    rows = await session.execute(select(sites).order_by(sites.c.id))
    return [_site(row) for row in rows.mappings()]


async def get(session: AsyncSession, site_id: str) -> Site | None:
    row = (await session.execute(select(sites).where(sites.c.id == site_id))).mappings().first()
    return _site(row) if row else None


async def upsert(session: AsyncSession, site: Site) -> None:
    hours = site.calendar.hours
    values = {
        "office": site.office,
        "name": site.name,
        "time_zone": site.calendar.zone.key,
        "weekdays": sorted(hours.weekdays) if hours else None,
        "opens": hours.opens if hours else None,
        "closes": hours.closes if hours else None,
        "slot_minutes": int(site.slot_length.total_seconds() // 60),
        "capacity": site.capacity,
    }
    await session.execute(
        insert(sites)
        .values(id=site.id, **values)
        .on_conflict_do_update(index_elements=[sites.c.id], set_=values)
    )


async def booked_counts(
    session: AsyncSession, site_id: str, start: datetime, end: datetime
) -> dict[datetime, int]:
    rows = await session.execute(
        select(slots.c.starts_at, slots.c.booked).where(
            slots.c.site_id == site_id, slots.c.starts_at >= start, slots.c.starts_at < end
        )
    )
    return {row.starts_at: row.booked for row in rows}


async def take_place(session: AsyncSession, site: Site, start: datetime) -> bool:
    """Take one place in a slot unless it is full: a conditional UPDATE on its counter.

    Concurrent bookings queue on the counter's row lock and each re-checks ``booked <
    capacity`` after the one before it committed, so a slot is never overbooked.
    """
    await session.execute(
        insert(slots).values(site_id=site.id, starts_at=start).on_conflict_do_nothing()
    )
    taken = await session.execute(
        update(slots)
        .where(
            slots.c.site_id == site.id,
            slots.c.starts_at == start,
            slots.c.booked < site.capacity,
        )
        .values(booked=slots.c.booked + 1)
        .returning(slots.c.booked)
    )
    return taken.first() is not None


async def free_place(session: AsyncSession, site_id: str, start: datetime) -> None:
    await session.execute(
        update(slots)
        .where(slots.c.site_id == site_id, slots.c.starts_at == start, slots.c.booked > 0)
        .values(booked=slots.c.booked - 1)
    )


def _site(row: RowMapping) -> Site:
    hours = None
    if row["weekdays"] is not None:
        hours = OpeningHours(frozenset(row["weekdays"]), row["opens"], row["closes"])
    return Site(
        id=row["id"],
        office=row["office"],
        name=row["name"],
        calendar=Calendar(ZoneInfo(row["time_zone"]), hours),
        slot_length=timedelta(minutes=row["slot_minutes"]),
        capacity=row["capacity"],
    )
