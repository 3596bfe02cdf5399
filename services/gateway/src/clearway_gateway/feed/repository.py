"""SQL of the feed.

Positions are assigned in commit order: every transaction that publishes feed rows first
takes one transaction-scoped advisory lock, and draws positions from the sequence only while
holding it. PostgreSQL releases the lock after the commit is visible, so a transaction that
draws a higher position starts drawing only after every lower position is committed: a
reader who has seen position n will never later find a committed row below n (ADR 0031).
"""

from typing import Any
from uuid import UUID

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.envelope import Envelope
from clearway_gateway.feed.models import FeedEvent
from clearway_gateway.feed.tables import feed_declarations, feed_events, feed_position

e = feed_events.c

FEED_LOCK = 0x66656564  # "feed": the one advisory lock under which positions are drawn


async def remember_declarant(session: AsyncSession, declaration_id: UUID, declarant: str) -> None:
    await session.execute(
        insert(feed_declarations)
        .values(declaration_id=declaration_id, declarant=declarant)
        .on_conflict_do_nothing()
    )


async def declarant_of(session: AsyncSession, declaration_id: UUID) -> str | None:
    found: str | None = await session.scalar(
        select(feed_declarations.c.declarant).where(
            feed_declarations.c.declaration_id == declaration_id
        )
    )
    return found


async def add(
    session: AsyncSession, envelope: Envelope, declaration_id: UUID, declarant: str | None
) -> None:
    """Keep the event, unpublished (no position) until ``publish``."""
    await session.execute(
        insert(feed_events)
        .values(
            event_id=envelope.id,
            declaration_id=declaration_id,
            declarant=declarant,
            type=envelope.type,
            source=envelope.source,
            subject=envelope.subject,
            time=envelope.time,
            data=envelope.data,
        )
        .on_conflict_do_nothing(index_elements=[e.event_id])
    )


async def publish(session: AsyncSession, declaration_id: UUID, declarant: str) -> None:
    """Give the declaration's unpublished events their positions: the one just recorded (its
    declarant known) first, then any that arrived before their declaration, as they came."""
    waiting = (
        await session.scalars(
            select(e.id)
            .where(e.declaration_id == declaration_id, e.position.is_(None))
            .order_by(e.declarant.is_(None), e.id)
        )
    ).all()
    if not waiting:
        return
    await session.execute(select(func.pg_advisory_xact_lock(FEED_LOCK)))
    for row_id in waiting:
        await session.execute(
            update(feed_events)
            .where(e.id == row_id)
            .values(position=feed_position.next_value(), declarant=declarant)
        )


async def after(
    session: AsyncSession, declarant: str, position: int, limit: int
) -> list[FeedEvent]:
    rows = await session.execute(
        select(e.position, e.event_id, e.type, e.source, e.subject, e.time, e.data)
        .where(e.declarant == declarant, e.position > position)
        .order_by(e.position)
        .limit(limit)
    )
    return [feed_event(r) for r in rows]


def feed_event(row: Any) -> FeedEvent:
    """A feed event from a row holding the feed table's columns."""
    return FeedEvent(
        position=row.position,
        id=row.event_id,
        type=row.type,
        source=row.source,
        subject=row.subject,
        time=row.time,
        data=row.data,
    )


async def empty(session: AsyncSession) -> None:
    await session.execute(text("TRUNCATE feed_events, feed_declarations"))
