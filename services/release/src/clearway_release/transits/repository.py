"""Transits in PostgreSQL, and the overdue watch's claim on late ones."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, select, tuple_, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_release.db import transits
from clearway_release.transits.models import Hold, HoldDecision, Transit


async def add(session: AsyncSession, transit: Transit) -> None:
    await session.execute(transits.insert().values(**_columns(transit)))


async def get(session: AsyncSession, declaration_id: UUID) -> Transit | None:
    row = (
        (await session.execute(select(transits).where(transits.c.declaration_id == declaration_id)))
        .mappings()
        .first()
    )
    return None if row is None else _transit(row)


async def save(session: AsyncSession, transit: Transit) -> None:
    """Write what officers change; ``overdue_at`` belongs to the watch and is left alone."""
    columns = _columns(transit)
    await session.execute(
        update(transits)
        .where(transits.c.declaration_id == transit.declaration_id)
        .values({name: columns[name] for name in _OFFICER_COLUMNS})
    )


async def page(
    session: AsyncSession,
    *,
    exit_office: str,
    overdue: bool | None,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[Transit]:
    """Transits bound for ``exit_office``, earliest deadline first."""
    query: Select[Any] = select(transits).where(transits.c.exit_office == exit_office)
    if overdue is not None:
        late = transits.c.overdue_at.is_not(None)
        query = query.where(late if overdue else ~late)
    if after is not None:
        query = query.where(tuple_(transits.c.deadline, transits.c.declaration_id) > after)
    query = query.order_by(transits.c.deadline, transits.c.declaration_id).limit(limit)
    return [_transit(row) for row in (await session.execute(query)).mappings()]


async def claim_overdue(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[tuple[UUID, datetime]]:
    """Mark late transits overdue and return them; each is claimed by exactly one caller.

    SKIP LOCKED lets replicas share the work without waiting on each other, and the
    ``overdue_at IS NULL`` condition, checked again on the locked row, makes the claim once.
    """
    late = (
        select(transits.c.declaration_id)
        .where(
            transits.c.arrived_at.is_(None),
            transits.c.overdue_at.is_(None),
            transits.c.deadline <= now,
        )
        .order_by(transits.c.deadline)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    rows = await session.execute(
        update(transits)
        .where(transits.c.declaration_id.in_(late), transits.c.overdue_at.is_(None))
        .values(overdue_at=now)
        .returning(transits.c.declaration_id, transits.c.deadline)
    )
    return [(row.declaration_id, row.deadline) for row in rows]


async def count_overdue(session: AsyncSession, *, now: datetime) -> int:
    """Transits past their deadline at ``now`` and not arrived, reported or not."""
    late = select(func.count()).where(transits.c.arrived_at.is_(None), transits.c.deadline <= now)
    return int(await session.scalar(late) or 0)


_OFFICER_COLUMNS = (
    "arrived_at",
    "seals_intact",
    "remarks",
    "hold_decision",
    "hold_remarks",
    "hold_decided_by",
    "hold_decided_at",
)


def _columns(transit: Transit) -> dict[str, Any]:
    hold = transit.hold
    return {
        "declaration_id": transit.declaration_id,
        "customs_number": transit.customs_number,
        "departure_office": transit.departure_office,
        "exit_office": transit.exit_office,
        "seals": list(transit.seals),
        "carrier": transit.carrier,
        "means_id": transit.means_id,
        "route": transit.route,
        "released_at": transit.released_at,
        "deadline": transit.deadline,
        "arrived_at": transit.arrived_at,
        "seals_intact": transit.seals_intact,
        "remarks": transit.remarks,
        "overdue_at": transit.overdue_at,
        "hold_decision": hold.decision if hold else None,
        "hold_remarks": hold.remarks if hold else None,
        "hold_decided_by": hold.decided_by if hold else None,
        "hold_decided_at": hold.decided_at if hold else None,
    }


def _transit(row: RowMapping) -> Transit:
    hold = None
    if row["hold_decision"] is not None:
        hold = Hold(
            decision=HoldDecision(row["hold_decision"]),
            remarks=row["hold_remarks"],
            decided_by=row["hold_decided_by"],
            decided_at=row["hold_decided_at"],
        )
    return Transit(
        declaration_id=row["declaration_id"],
        customs_number=row["customs_number"],
        departure_office=row["departure_office"],
        exit_office=row["exit_office"],
        seals=tuple(row["seals"]),
        carrier=row["carrier"],
        means_id=row["means_id"],
        route=row["route"],
        released_at=row["released_at"],
        deadline=row["deadline"],
        arrived_at=row["arrived_at"],
        seals_intact=row["seals_intact"],
        remarks=row["remarks"],
        overdue_at=row["overdue_at"],
        hold=hold,
    )
