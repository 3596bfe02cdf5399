"""The unit of work: the one place that commits.

A use case changes state through ``uow.session`` and records outgoing events with
``uow.publish``; both land in the same transaction, so an event is published if and only if
its state change committed (the transactional outbox).
"""

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import Envelope, encode
from clearway_platform import tracing
from clearway_platform.correlation import current_traceparent
from clearway_platform.db import outbox


class UnitOfWork:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        source: str,
        topic_prefix: str = "",
    ) -> None:
        self._session_factory = session_factory
        self._source = source
        self._topic_prefix = topic_prefix
        self._pending: list[dict[str, object]] = []
        self._after_commit: list[Callable[[], None]] = []
        self.published: list[Envelope] = []

    async def __aenter__(self) -> Self:
        self.session = self._session_factory()
        self._pending = []
        self._after_commit = []
        self.published = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.session.rollback()  # a no-op after commit
        await self.session.close()

    def publish(self, payload: EventPayload, *, event_id: str | None = None) -> Envelope:
        """Queue an event for the outbox; it is written by ``commit`` with the state change."""
        traceparent = current_traceparent()
        envelope, record = encode(
            payload, source=self._source, event_id=event_id, traceparent=traceparent
        )
        headers = {name: value.decode() for name, value in record.headers}
        tracing.outbox_headers(headers, fallback=traceparent)
        self._pending.append(
            {
                "event_id": envelope.id,
                "event_type": envelope.type,
                "topic": self._topic_prefix + record.topic,
                "key": record.key.decode(),
                "headers": headers,
                "value": record.value,
            }
        )
        self.published.append(envelope)
        return envelope

    async def flush_events(self) -> None:
        """Write queued outbox rows now (still uncommitted); ``commit`` calls it."""
        if self._pending:
            await self.session.execute(outbox.insert(), self._pending)
            self._pending = []

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the transaction has committed, never if it rolls back: for
        business metrics, which count what happened, not what was tried."""
        self._after_commit.append(callback)

    def mark(self) -> tuple[int, int]:
        """Where the queued events and callbacks stand, to ``forget_since`` at a savepoint."""
        return len(self._pending), len(self._after_commit)

    def forget_since(self, mark: tuple[int, int]) -> None:
        """Drop what was queued since ``mark``: its savepoint was rolled back."""
        del self._pending[mark[0] :]
        del self._after_commit[mark[1] :]

    async def commit(self) -> None:
        await self.flush_events()
        await self.session.commit()
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    async def rollback(self) -> None:
        self._pending = []
        self._after_commit = []
        self.published = []
        await self.session.rollback()
