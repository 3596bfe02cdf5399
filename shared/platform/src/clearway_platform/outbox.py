"""The outbox relay: publishes committed outbox rows to Kafka, exactly once, and marks them sent.

One relay publishes at a time: the leader holds a session-level advisory lock on its own
connection (the one it LISTENs on), so replicas never publish side by side and a
declaration's events keep their order; a standby replica takes the lock, and the lead, within
a poll interval when the leader's session ends.

The leader publishes each batch in one Kafka transaction with a transactional producer whose
id is the same for every replica: starting it fences any earlier leader still alive and
aborts what it left open. The transaction also carries the batch's outbox ids to the relay's
position topic; only after Kafka commits are the rows marked sent in PostgreSQL. A new leader
first reads the last committed position back and marks those rows, so the database's marks
are a cache of what Kafka holds, at most one transaction behind, and a crash at any point
publishes nothing twice to a read_committed reader (ADR 0028). Any error ends the lead: the
next one starts from Kafka's word again.

``LISTEN outbox`` (a trigger notifies on insert) wakes the relay at once; polling every
``relay_poll_seconds`` is the fallback when a notification is missed.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Sequence

import asyncpg
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from clearway_platform import metrics, relay_position, tracing
from clearway_platform.db import asyncpg_dsn, outbox
from clearway_platform.kafka import create_relay_producer
from clearway_platform.settings import ServiceSettings

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "outbox"
_RELAY_LOCK = 0x0C1EA7  # advisory lock key: one active relay per database


class OutboxRelay:
    def __init__(
        self,
        *,
        engine: AsyncEngine,
        settings: ServiceSettings,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._producer: AIOKafkaProducer | None = None
        self._failing = False

    async def run(self) -> None:
        """Lead and publish until cancelled; stand by while another replica leads."""
        while True:
            try:
                async with self._leading() as session:
                    self._failing = False
                    if session is not None:
                        await session.add_listener(NOTIFY_CHANNEL, self._woken)
                        while not session.is_closed():
                            self._wake.clear()  # before reading: a later insert wakes us
                            if await self._publish_batch() < self._batch_size:
                                await self._sleep_until_woken()
                        continue  # the session ended (a PostgreSQL restart): lead again
            except Exception as error:
                if not self._failing:  # once per outage, not once per poll
                    log.exception("outbox relay failed; leading again")
                else:
                    log.warning("outbox relay still failing: %r", error)
                self._failing = True
            self._wake.clear()
            await self._sleep_until_woken()

    async def drain(self) -> int:
        """Lead, publish every unsent row, and step down; how many rows this published
        (0 when another replica leads)."""
        total = 0
        async with self._leading() as session:
            if session is not None:
                while published := await self._publish_batch():
                    total += published
        return total

    @contextlib.asynccontextmanager
    async def _leading(self) -> AsyncIterator[asyncpg.Connection | None]:
        """The leader's session, with its producer started and its position recovered; None
        when another replica leads."""
        session = await asyncpg.connect(
            asyncpg_dsn(str(self._engine.url.render_as_string(hide_password=False)))
        )
        session.add_termination_listener(self._woken)
        try:
            if not await session.fetchval("SELECT pg_try_advisory_lock($1)", _RELAY_LOCK):
                yield None
                return
            producer = create_relay_producer(self._settings)
            try:
                await producer.start()  # fences the previous leader
                committed = await relay_position.read_last(self._settings)
                await self._mark_published(committed)
                log.info(
                    "outbox relay leads; its last Kafka transaction held %d rows", len(committed)
                )
                self._producer = producer
                yield session
            finally:
                self._producer = None
                await producer.stop()
        finally:
            with contextlib.suppress(Exception):  # closing also releases the lock
                await session.close()

    async def _publish_batch(self) -> int:
        """Publish one batch of unsent rows in one Kafka transaction; how many it published."""
        assert self._producer is not None, "only the leader publishes"
        started = time.perf_counter()
        async with self._engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(
                        outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.headers, outbox.c.value
                    )
                    .where(outbox.c.published_at.is_(None))
                    .order_by(outbox.c.id)
                    .limit(self._batch_size)
                )
            ).all()
        if not rows:
            return 0
        ids = [row.id for row in rows]
        async with self._producer.transaction():
            deliveries = [
                await self._producer.send(
                    row.topic,
                    value=row.value,
                    key=row.key.encode(),
                    headers=tracing.record_headers(row.topic, row.headers),
                )
                for row in rows
            ]
            await self._producer.send(
                self._settings.relay_position_topic,
                key=self._settings.relay_transactional_id.encode(),
                value=relay_position.encode(ids),
                partition=0,
            )
            await asyncio.gather(*deliveries)  # every row acknowledged by the broker
        await self._mark_published(ids)  # Kafka has them: now the cache
        metrics.OUTBOX_PUBLISHED.inc(len(rows))
        metrics.OUTBOX_BATCH_SECONDS.observe(time.perf_counter() - started)
        return len(rows)

    async def _mark_published(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        async with self._engine.begin() as conn:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(ids), outbox.c.published_at.is_(None))
                .values(published_at=func.now())
            )

    def _woken(self, *_: object) -> None:
        self._wake.set()

    async def _sleep_until_woken(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll_seconds)


async def backlog(engine: AsyncEngine) -> tuple[int, float]:
    """How many rows wait to be published, and the age in seconds of the oldest (0 if none)."""
    unpublished = outbox.c.published_at.is_(None)
    async with engine.connect() as conn:
        count = await conn.scalar(select(func.count()).select_from(outbox).where(unpublished))
        oldest = await conn.scalar(
            select(func.extract("epoch", func.now() - outbox.c.created_at))
            .where(unpublished)
            .order_by(outbox.c.id)
            .limit(1)
        )
    return int(count or 0), float(oldest or 0.0)


async def purge_published(engine: AsyncEngine, *, older_than_hours: int = 24) -> int:
    """Delete rows published more than ``older_than_hours`` ago; the outbox is not an archive."""
    return await purge(engine, "outbox", "published_at", older_than_hours=older_than_hours)


async def purge(
    engine: AsyncEngine, table: str, column: str, *, older_than_hours: int, batch: int = 10_000
) -> int:
    """Delete the rows of ``table`` whose ``column`` is more than ``older_than_hours`` old, a
    batch per transaction (so a first purge of a large table holds no lock for long); returns
    how many. NULLs are never old: an unpublished outbox row stays."""
    statement = text(
        f"DELETE FROM {table} WHERE ctid IN ("
        f"SELECT ctid FROM {table} WHERE {column} < now() - make_interval(hours => :hours) "
        "LIMIT :batch)"
    )
    deleted = 0
    while True:
        async with engine.begin() as conn:
            result = await conn.execute(statement, {"hours": older_than_hours, "batch": batch})
        count = int(result.rowcount or 0)
        deleted += count
        if count < batch:
            return deleted
