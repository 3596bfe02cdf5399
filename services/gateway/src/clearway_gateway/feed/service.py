"""Use cases of the feed: record an event for its declarant, read a declarant's events.

``record`` runs inside the gateway consumer's unit of work (with the inbox, ADR 0020); the
read opens its own, read only.
"""

import asyncio
import time
from uuid import UUID

from clearway_contracts.events.envelope import Envelope
from clearway_gateway.feed import repository
from clearway_gateway.feed.models import Page
from clearway_platform.uow import UnitOfWork

POLL_SECONDS = 0.25


async def record(
    *, uow: UnitOfWork, envelope: Envelope, declaration_id: UUID, declarant: str | None
) -> None:
    """Add the event to its declarant's feed; an event of a declaration not known yet (another
    topic's partition ran ahead) waits without a position until its declaration arrives."""
    session = uow.session
    if declarant is not None:
        await repository.remember_declarant(session, declaration_id, declarant)
    else:
        declarant = await repository.declarant_of(session, declaration_id)
    await repository.add(session, envelope, declaration_id, declarant)
    if declarant is not None:
        await repository.publish(session, declaration_id, declarant)


async def read(*, uow: UnitOfWork, declarant: str, after: int, limit: int, wait: float) -> Page:
    """The declarant's events after position ``after``; with ``wait``, hold on up to that many
    seconds for the first one when there is none yet."""
    deadline = time.monotonic() + wait
    while True:
        async with uow:
            events = await repository.after(uow.session, declarant, after, limit)
        if events or time.monotonic() >= deadline:
            return Page.of(events, after)
        await asyncio.sleep(min(POLL_SECONDS, max(deadline - time.monotonic(), 0)))


async def empty(*, uow: UnitOfWork) -> None:
    async with uow:
        await repository.empty(uow.session)
        await uow.commit()
