"""The outbox relay: publishes committed outbox rows to Kafka and marks them sent.

One relay publishes at a time: each batch runs in a transaction that first takes a
transaction-level advisory lock, so replicas never publish the same row twice in normal
operation and a declaration's events keep their order. A standby replica takes over on the
next batch when the active one dies. A crash between the Kafka ack and the commit republishes
the batch: duplicates on Kafka are allowed, the consumers' inbox absorbs them.

``LISTEN outbox`` (a trigger notifies on insert) wakes the relay at once; polling every
``relay_poll_seconds`` is the fallback when a notification is missed.
"""

import asyncio
import contextlib
import logging
import time

import asyncpg
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from clearway_platform import metrics, tracing
from clearway_platform.db import asyncpg_dsn, outbox

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "outbox"
_RELAY_LOCK = 0x0C1EA7  # advisory lock key: one active relay per database


class OutboxRelay:
    def __init__(
        self,
        *,
        engine: AsyncEngine,
        producer: AIOKafkaProducer,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
    ) -> None:
        self._engine = engine
        self._producer = producer
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._listening_failed = False

    async def run(self) -> None:
        """Publish until cancelled."""
        listener: asyncpg.Connection | None = None
        try:
            while True:
                try:
                    published = await self.publish_batch()
                except Exception:
                    log.exception("outbox relay batch failed; retrying")
                    await asyncio.sleep(self._poll_seconds)
                    continue
                if published < self._batch_size:
                    if listener is None or listener.is_closed():
                        # (Re)open after a PostgreSQL restart, or polling would be for good.
                        listener = await self._listen()
                    await self._sleep_until_woken()
        finally:
            if listener is not None and not listener.is_closed():
                await listener.close()

    async def publish_batch(self) -> int:
        """Publish one batch of unsent rows; returns how many were published."""
        started = time.perf_counter()
        async with self._engine.begin() as conn:
            if not await conn.scalar(select(func.pg_try_advisory_xact_lock(_RELAY_LOCK))):
                return 0  # another replica is publishing
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
            deliveries = [
                await self._producer.send(
                    row.topic,
                    value=row.value,
                    key=row.key.encode(),
                    headers=tracing.record_headers(row.topic, row.headers),
                )
                for row in rows
            ]
            await asyncio.gather(*deliveries)  # every row acknowledged by the broker
            await conn.execute(
                update(outbox)
                .where(outbox.c.id.in_([row.id for row in rows]))
                .values(published_at=func.now())
            )
        metrics.OUTBOX_PUBLISHED.inc(len(rows))
        metrics.OUTBOX_BATCH_SECONDS.observe(time.perf_counter() - started)
        return len(rows)

    async def _listen(self) -> asyncpg.Connection | None:
        try:
            conn = await asyncpg.connect(
                asyncpg_dsn(str(self._engine.url.render_as_string(hide_password=False)))
            )
            await conn.add_listener(NOTIFY_CHANNEL, lambda *_: self._wake.set())
            conn.add_termination_listener(lambda *_: self._wake.set())
            self._listening_failed = False
            return conn
        except (OSError, asyncpg.PostgresError) as error:
            if not self._listening_failed:  # once per outage, not once per poll
                log.warning("outbox LISTEN unavailable, polling until it is back: %r", error)
            self._listening_failed = True
            return None

    async def _sleep_until_woken(self) -> None:
        self._wake.clear()
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
