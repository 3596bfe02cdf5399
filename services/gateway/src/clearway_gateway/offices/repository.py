"""Queries on the versioned offices table: the highest version of a code is in force."""

from datetime import time
from typing import Any

from sqlalchemy import RowMapping, func, insert, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_gateway.db import offices
from clearway_gateway.offices.models import Calendar, Carriage, Office, OfficeKind, Weekday


async def current(session: AsyncSession) -> list[Office]:
    query = (
        select(offices)
        .ext(distinct_on(offices.c.code))
        .order_by(offices.c.code, offices.c.version.desc())
    )
    return [_office(row) for row in (await session.execute(query)).mappings()]


async def history(session: AsyncSession, code: str) -> list[Office]:
    query = select(offices).where(offices.c.code == code).order_by(offices.c.version)
    return [_office(row) for row in (await session.execute(query)).mappings()]


async def latest_version(session: AsyncSession, code: str) -> int:
    query = select(func.coalesce(func.max(offices.c.version), 0)).where(offices.c.code == code)
    return int((await session.execute(query)).scalar_one())


async def add_version(session: AsyncSession, office: Office, *, changed_by: str) -> None:
    """Insert one version; two concurrent changes collide on the primary key, not overwrite."""
    await session.execute(
        insert(offices).values(
            code=office.code,
            version=office.version,
            name=office.name,
            kind=office.kind.value,
            carriages=sorted(office.carriages),
            calendar=calendar_json(office.calendar),
            changed_by=changed_by,
        )
    )


def calendar_json(calendar: Calendar) -> dict[str, Any]:
    if calendar.opens is None or calendar.closes is None:
        return {"time_zone": calendar.time_zone, "hours": "24h"}
    return {
        "time_zone": calendar.time_zone,
        "days": [day.name.lower() for day in sorted(calendar.days)],
        "opens": calendar.opens.isoformat("minutes"),
        "closes": calendar.closes.isoformat("minutes"),
    }


def _calendar(value: dict[str, Any]) -> Calendar:
    if value.get("hours") == "24h":
        return Calendar(value["time_zone"])
    return Calendar(
        value["time_zone"],
        days=frozenset(Weekday[day.upper()] for day in value["days"]),
        opens=time.fromisoformat(value["opens"]),
        closes=time.fromisoformat(value["closes"]),
    )


def _office(row: RowMapping) -> Office:
    return Office(
        code=row["code"],
        name=row["name"],
        kind=OfficeKind(row["kind"]),
        carriages=frozenset(Carriage(c) for c in row["carriages"]),
        calendar=_calendar(row["calendar"]),
        version=row["version"],
    )
