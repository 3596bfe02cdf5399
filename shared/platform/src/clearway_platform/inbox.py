"""The idempotent consumer: each event takes effect exactly once, whatever crashes.

A batch of records is processed in one database transaction. Every event id goes into
``inbox`` (a primary-key insert; a conflict means a duplicate, skipped) in the same
transaction as the handlers' effects, and the Kafka offsets are committed only after the
database commit.

The fast path inserts the whole batch's event ids in one statement and runs the handlers
without savepoints. If any handler fails, the batch is rolled back and applied again in the
careful path, one savepoint per event, to isolate the culprit: a record that can never be
processed (unreadable, from a source other than the topic's owner, invalid payload, or a
handler's PermanentEventError) goes to the dead-letter topic with the reason in its
headers, and the batch goes on. Lost connections and deadlocks roll the whole batch back
and retry it with backoff, forever; a handler's unexpected error is retried up to
``MAX_HANDLER_ATTEMPTS`` times, then that one event is dead-lettered so the partition is not
blocked.
"""

import asyncio
import logging
import time
from collections import Counter
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, TypeAlias

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from tenacity import AsyncRetrying, retry_if_not_exception_type, wait_exponential

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import DecodeError, Envelope, decode
from clearway_contracts.events.topology import SOURCE_PREFIX, untrusted_source
from clearway_platform import metrics, tracing
from clearway_platform.correlation import correlation_from_traceparent, set_correlation_id
from clearway_platform.db import inbox
from clearway_platform.errors import PermanentEventError, is_transient
from clearway_platform.handlers import EventHandlers, Handler
from clearway_platform.outbox import purge
from clearway_platform.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_HANDLER_ATTEMPTS = 3

Record: TypeAlias = ConsumerRecord[bytes, bytes]


@dataclass(frozen=True)
class DeadLetter:
    record: Record
    reason: str
    event_type: str


@dataclass(frozen=True)
class Delivery:
    """A readable record with a handler here: what the handler needs."""

    record: Record
    envelope: Envelope
    payload: EventPayload
    handler: Handler


class EventConsumer:
    def __init__(
        self,
        *,
        consumer: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        session_factory: async_sessionmaker[AsyncSession],
        handlers: EventHandlers,
        source: str,
        dead_letter_topic: str,
        topic_prefix: str = "",
        batch_size: int = 500,
    ) -> None:
        self._consumer = consumer
        self._producer = producer
        self._session_factory = session_factory
        self._handlers = handlers
        self._source = source
        self._dead_letter_topic = dead_letter_topic
        self._topic_prefix = topic_prefix
        self._batch_size = batch_size
        self._handler_failures: Counter[tuple[str, int, int]] = Counter()
        self._service = source.removeprefix(SOURCE_PREFIX)

    async def run(self) -> None:
        """Consume until cancelled. The caller starts and stops the Kafka clients."""
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=self._batch_size)
            for partition, records in batches.items():
                await self.process(partition, records)
            await self.measure_lag()

    async def measure_lag(self) -> None:
        """Report each assigned partition's lag: what the broker has beyond our position."""
        for partition in self._consumer.assignment():
            highwater = self._consumer.highwater(partition)
            if highwater is None:  # nothing fetched from it yet
                continue
            position = await self._consumer.position(partition)
            metrics.CONSUMER_LAG.labels(
                self._service, partition.topic, str(partition.partition)
            ).set(max(highwater - position, 0))

    async def process(self, partition: TopicPartition, records: list[Record]) -> None:
        """Apply one partition's batch exactly once, then commit its offset."""
        async for attempt in AsyncRetrying(
            wait=wait_exponential(multiplier=0.2, max=10),
            retry=retry_if_not_exception_type(asyncio.CancelledError),
            before_sleep=self._log_retry,
            reraise=True,
        ):
            with attempt:
                started = time.perf_counter()
                await self.apply(records)
                metrics.CONSUMER_BATCH_SECONDS.observe(time.perf_counter() - started)
        await self._consumer.commit({partition: records[-1].offset + 1})

    async def apply(self, records: list[Record]) -> None:
        """Apply a batch exactly once, in one transaction, without committing any offset:
        ``process`` does that after it. Raises what must be retried."""
        deliveries, dead = self._read_all(records)
        uow = UnitOfWork(
            self._session_factory, source=self._source, topic_prefix=self._topic_prefix
        )
        try:
            async with uow:
                outcomes = await self._apply_fast(uow, deliveries)
                await self._finish(uow, dead)
        except Exception as exc:
            if is_transient(exc):
                raise
            async with uow:
                outcomes, isolated = await self._apply_careful(uow, deliveries)
                await self._finish(uow, dead + isolated)
        finally:
            set_correlation_id(None)
        for event_type, result in outcomes:
            metrics.EVENTS_CONSUMED.labels(event_type, result).inc()

    def _read_all(self, records: list[Record]) -> tuple[list[Delivery], list[DeadLetter]]:
        deliveries: list[Delivery] = []
        dead: list[DeadLetter] = []
        for record in records:
            read = self._read(record)
            if isinstance(read, Delivery):
                deliveries.append(read)
            elif isinstance(read, DeadLetter):
                dead.append(read)
        return deliveries, dead

    def _read(self, record: Record) -> Delivery | DeadLetter | None:
        """Decode and validate one record; None when this service has no handler for it."""
        try:
            envelope = decode(record.headers, record.key, record.value)
        except DecodeError as exc:
            return DeadLetter(record, str(exc), "unreadable")
        distrust = untrusted_source(record.topic, envelope.source, topic_prefix=self._topic_prefix)
        if distrust is not None:
            return DeadLetter(record, distrust, envelope.type)
        registered = self._handlers.lookup(envelope.type)
        if registered is None:
            metrics.EVENTS_CONSUMED.labels(envelope.type, "ignored").inc()
            return None
        payload_class, handler = registered
        if self._topic_prefix + payload_class.topic != record.topic:
            # Its owner's principal may write its own topic only: an event type of another
            # service on it is that principal speaking for the other service.
            reason = f"{envelope.type} is published on {payload_class.topic}, not {record.topic}"
            return DeadLetter(record, reason, envelope.type)
        try:
            payload = payload_class.model_validate(envelope.data)
        except ValidationError as exc:
            return DeadLetter(record, f"invalid {envelope.type} payload: {exc}", envelope.type)
        return Delivery(record, envelope, payload, handler)

    async def _apply_fast(
        self, uow: UnitOfWork, deliveries: list[Delivery]
    ) -> list[tuple[str, str]]:
        fresh = await _first_deliveries(uow.session, [d.envelope for d in deliveries])
        outcomes = []
        for delivery in deliveries:
            envelope = delivery.envelope
            if envelope.id not in fresh:  # seen in an earlier batch, or twice in this one
                outcomes.append((envelope.type, "duplicate"))
                continue
            fresh.discard(envelope.id)
            _follow(envelope)
            with self._span(delivery):
                await delivery.handler(uow, delivery.payload, envelope)
            outcomes.append((envelope.type, "processed"))
        return outcomes

    async def _apply_careful(
        self, uow: UnitOfWork, deliveries: list[Delivery]
    ) -> tuple[list[tuple[str, str]], list[DeadLetter]]:
        outcomes: list[tuple[str, str]] = []
        dead: list[DeadLetter] = []
        for delivery in deliveries:
            envelope = delivery.envelope
            _follow(envelope)
            savepoint = await uow.session.begin_nested()
            mark = uow.mark()
            try:
                if not await _first_deliveries(uow.session, [envelope]):
                    await savepoint.rollback()
                    outcomes.append((envelope.type, "duplicate"))
                    continue
                with self._span(delivery):
                    await delivery.handler(uow, delivery.payload, envelope)
                await uow.flush_events()
                await savepoint.commit()
                outcomes.append((envelope.type, "processed"))
            except PermanentEventError as exc:
                await savepoint.rollback()
                uow.forget_since(mark)
                dead.append(DeadLetter(delivery.record, str(exc), envelope.type))
            except Exception as exc:
                if self._keep_retrying(delivery.record, exc):
                    raise
                await savepoint.rollback()
                uow.forget_since(mark)
                reason = f"handler failed {MAX_HANDLER_ATTEMPTS} times: {exc!r}"
                dead.append(DeadLetter(delivery.record, reason, envelope.type))
        return outcomes, dead

    def _span(self, delivery: Delivery) -> AbstractContextManager[None]:
        record = delivery.record
        return tracing.handling(
            record.headers,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            event_type=delivery.envelope.type,
            service=self._service,
        )

    def _keep_retrying(self, record: Record, error: Exception) -> bool:
        position = (record.topic, record.partition, record.offset)
        self._handler_failures[position] += 1
        if is_transient(error) or self._handler_failures[position] < MAX_HANDLER_ATTEMPTS:
            return True
        del self._handler_failures[position]
        return False

    async def _finish(self, uow: UnitOfWork, dead: list[DeadLetter]) -> None:
        await uow.flush_events()
        # Dead letters are sent before the commit: if sending fails, the batch is retried.
        await self._send_dead_letters(dead)
        await uow.commit()

    async def _send_dead_letters(self, dead: list[DeadLetter]) -> None:
        deliveries = []
        for letter in dead:
            record = letter.record
            log.warning(
                "dead-lettering %s at %s/%s: %s",
                letter.event_type,
                record.topic,
                record.offset,
                letter.reason,
            )
            metrics.EVENTS_CONSUMED.labels(letter.event_type, "dead_lettered").inc()
            headers = [
                *record.headers,
                ("dlq_reason", letter.reason[:4000].encode()),
                ("dlq_topic", record.topic.encode()),
                ("dlq_partition", str(record.partition).encode()),
                ("dlq_offset", str(record.offset).encode()),
                ("dlq_consumer", self._source.encode()),
            ]
            deliveries.append(
                await self._producer.send(
                    self._dead_letter_topic, value=record.value, key=record.key, headers=headers
                )
            )
        await asyncio.gather(*deliveries)
        for letter in dead:
            metrics.DLQ_PUBLISHED.labels(self._service, letter.record.topic).inc()

    @staticmethod
    def _log_retry(retry_state: Any) -> None:
        metrics.CONSUMER_RETRIES.inc()
        outcome = retry_state.outcome
        log.warning("consumer batch failed, retrying: %r", outcome and outcome.exception())


async def purge_seen(engine: AsyncEngine, *, older_than_hours: int) -> int:
    """Forget event ids received more than ``older_than_hours`` ago. Safe once Kafka can no
    longer deliver them: ``older_than_hours`` must exceed the topics' retention (the setting
    ``inbox_retention_hours``), or a consumer reset to the earliest offset would apply an
    event a second time."""
    return await purge(engine, "inbox", "received_at", older_than_hours=older_than_hours)


def _follow(envelope: Envelope) -> None:
    """Log lines while handling an event carry the correlation id of what caused it."""
    set_correlation_id(correlation_from_traceparent(envelope.traceparent) or envelope.id)


async def _first_deliveries(session: AsyncSession, envelopes: list[Envelope]) -> set[str]:
    """Insert the event ids; return those never seen before (one statement for the batch)."""
    if not envelopes:
        return set()
    rows = [{"event_id": e.id, "event_type": e.type} for e in envelopes]
    inserted = await session.execute(
        insert(inbox)
        .values(rows)
        .on_conflict_do_nothing(index_elements=[inbox.c.event_id])
        .returning(inbox.c.event_id)
    )
    return set(inserted.scalars())
