"""Statements on a declaration's lifecycle: its status, read model and timeline, and whether
its vehicles are on a live declaration."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_declaration.db import declarations, timeline, vehicles
from clearway_declaration.lifecycle.models import Status, TimelineEntry, Tracking


async def lock_tracking(session: AsyncSession, declaration_id: UUID) -> Tracking | None:
    """The status, revision and read model of a declaration, held for update."""
    row = (
        await session.execute(
            select(
                declarations.c.customs_number,
                declarations.c.status,
                declarations.c.revision,
                declarations.c.progress,
                declarations.c.accepted_at,
            )
            .where(declarations.c.id == declaration_id)
            .with_for_update()
        )
    ).first()
    if row is None:
        return None
    return Tracking(
        customs_number=row.customs_number,
        status=Status(row.status),
        revision=row.revision,
        progress=row.progress,
        accepted_at=row.accepted_at,
    )


async def update_tracking(
    session: AsyncSession, declaration_id: UUID, tracking: Tracking, *, at: datetime
) -> None:
    await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration_id)
        .values(status=tracking.status, progress=dict(tracking.progress), updated_at=at)
    )


async def free_vins(session: AsyncSession, declaration_id: UUID) -> None:
    """The declaration is no longer live: its vehicles may be declared again."""
    await session.execute(
        update(vehicles).where(vehicles.c.declaration_id == declaration_id).values(live=False)
    )


async def add_timeline(
    session: AsyncSession, declaration_id: UUID, entries: Sequence[TimelineEntry]
) -> None:
    await session.execute(
        timeline.insert(),
        [
            {
                "declaration_id": declaration_id,
                "at": entry.at,
                "kind": entry.kind,
                "previous_status": entry.previous_status,
                "status": entry.status,
                "cause": entry.cause,
                "detail": entry.detail,
                "refused": entry.refused,
            }
            for entry in entries
        ],
    )


async def history(session: AsyncSession, declaration_id: UUID) -> list[TimelineEntry]:
    rows = await session.execute(
        select(timeline).where(timeline.c.declaration_id == declaration_id).order_by(timeline.c.id)
    )
    return [
        TimelineEntry(
            at=row.at,
            kind=row.kind,
            previous_status=Status(row.previous_status) if row.previous_status else None,
            status=Status(row.status),
            cause=row.cause,
            detail=row.detail,
            refused=row.refused,
        )
        for row in rows
    ]
