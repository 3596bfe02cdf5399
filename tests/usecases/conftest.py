"""The use-case tier: each service's use cases called directly, with a real UnitOfWork on a
freshly migrated PostgreSQL database; no Kafka and no HTTP. Events are read from the outbox
the use cases wrote them to, and fed to handlers the way the consumer would."""

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import encode
from clearway_contracts.events.topology import event_source
from clearway_platform.db import create_engine, create_session_factory, outbox
from clearway_platform.handlers import EventHandlers
from clearway_platform.uow import UnitOfWork
from tests.support.infra import TestDatabases


class Store:
    """One service's migrated database, and units of work on it as that service."""

    def __init__(self, service: str, engine: AsyncEngine) -> None:
        self.service = service
        self.engine = engine
        self._sessions = create_session_factory(engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._sessions, source=event_source(self.service))

    async def published(self, event_type: str | None = None) -> list[dict[str, Any]]:
        """The payloads the service committed to its outbox, oldest first."""
        query = select(outbox.c.event_type, outbox.c.value).order_by(outbox.c.id)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [json.loads(v) for t, v in rows if event_type is None or t == event_type]

    async def handle(self, handlers: EventHandlers, *payloads: EventPayload) -> None:
        """Apply events as the consumer does: one transaction, the handlers, one commit (the
        inbox and its exactly-once are the backbone's, tested with it)."""
        uow = self.uow()
        async with uow:
            for payload in payloads:
                envelope, _ = encode(payload, source=f"/clearway/{payload.topic.split('.')[1]}")
                registered = handlers.lookup(envelope.type)
                assert registered is not None, f"no handler for {envelope.type}"
                await registered[1](uow, payload, envelope)
            await uow.commit()


StoreFactory = Callable[[str], Awaitable[Store]]


@pytest.fixture
async def store(databases: TestDatabases) -> AsyncIterator[StoreFactory]:
    """``await store("release")``: a fresh migrated database of that service."""
    engines: list[AsyncEngine] = []

    async def make(service: str) -> Store:
        engine = create_engine(await databases.migrated_database(service), pool_size=2)
        engines.append(engine)
        return Store(service, engine)

    yield make
    for engine in engines:
        await engine.dispose()
