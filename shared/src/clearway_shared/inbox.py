"""The idempotent consumer: each event takes effect exactly once, whatever crashes.

A batch of records is processed in one database transaction. For each event the id goes into
``inbox`` (a primary-key insert; a conflict means a duplicate, skipped) inside a savepoint
together with the handler's effect; the Kafka offsets are committed only after the database
commit. A record that can never be processed (unreadable, invalid payload, or a handler's
PermanentEventError) goes to the dead-letter topic with the reason in its headers, and the
batch goes on. Anything else rolls the whole batch back and retries it with backoff: lost
connections and deadlocks forever, a handler's unexpected error up to ``MAX_HANDLER_ATTEMPTS``
times, after which that one event is dead-lettered so the partition is not blocked.
"""

import asyncio
import logging
import time
from collections import Counter
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tenacity import AsyncRetrying, retry_if_not_exception_type, wait_exponential

from clearway_shared import metrics
from clearway_shared.correlation import correlation_from_traceparent, set_correlation_id
from clearway_shared.db import inbox
from clearway_shared.errors import PermanentEventError, TransientError
from clearway_shared.events.envelope import DecodeError, Envelope, decode
from clearway_shared.handlers import EventHandlers
from clearway_shared.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_HANDLER_ATTEMPTS = 3
_TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03", "57P01", "57P02", "57P03"}


def is_transient(error: BaseException) -> bool:
    """Errors worth retrying forever: the infrastructure, not the event, is at fault."""
    if isinstance(
        error, TransientError | OperationalError | InterfaceError | OSError | TimeoutError
    ):
        return True
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        return bool(error.connection_invalidated or sqlstate in _TRANSIENT_SQLSTATES)
    return False


@dataclass(frozen=True)
class DeadLetter:
    record: ConsumerRecord[bytes, bytes]
    reason: str


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

    async def run(self) -> None:
        """Consume until cancelled. The caller starts and stops the Kafka clients."""
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=self._batch_size)
            for partition, records in batches.items():
                await self.process(partition, records)

    async def process(
        self, partition: TopicPartition, records: list[ConsumerRecord[bytes, bytes]]
    ) -> None:
        """Apply one partition's batch exactly once, then commit its offset."""
        async for attempt in AsyncRetrying(
            wait=wait_exponential(multiplier=0.2, max=10),
            retry=retry_if_not_exception_type(asyncio.CancelledError),
            before_sleep=self._log_retry,
            reraise=True,
        ):
            with attempt:
                started = time.perf_counter()
                await self._apply(records)
                metrics.CONSUMER_BATCH_SECONDS.observe(time.perf_counter() - started)
        await self._consumer.commit({partition: records[-1].offset + 1})

    async def _apply(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        dead: list[DeadLetter] = []
        uow = UnitOfWork(
            self._session_factory, source=self._source, topic_prefix=self._topic_prefix
        )
        async with uow:
            for record in records:
                reason = await self._apply_one(uow, record)
                if reason is not None:
                    dead.append(DeadLetter(record, reason))
            await uow.flush_events()
            # Dead letters are sent before the commit: if sending fails, the batch is retried.
            await self._send_dead_letters(dead)
            await uow.commit()
        set_correlation_id(None)

    async def _apply_one(self, uow: UnitOfWork, record: ConsumerRecord[bytes, bytes]) -> str | None:
        """Apply one record inside a savepoint; returns a dead-letter reason, or None."""
        try:
            envelope = decode(record.headers, record.key, record.value)
        except DecodeError as exc:
            metrics.EVENTS_CONSUMED.labels("unreadable", "dead_lettered").inc()
            return str(exc)
        set_correlation_id(correlation_from_traceparent(envelope.traceparent) or envelope.id)
        registered = self._handlers.lookup(envelope.type)
        if registered is None:
            metrics.EVENTS_CONSUMED.labels(envelope.type, "ignored").inc()
            return None
        payload_class, handler = registered
        try:
            payload = payload_class.model_validate(envelope.data)
        except ValidationError as exc:
            metrics.EVENTS_CONSUMED.labels(envelope.type, "dead_lettered").inc()
            return f"invalid {envelope.type} payload: {exc}"
        savepoint = await uow.session.begin_nested()
        try:
            if not await _first_delivery(uow.session, envelope):
                await savepoint.rollback()
                metrics.EVENTS_CONSUMED.labels(envelope.type, "duplicate").inc()
                return None
            await handler(uow, payload, envelope)
            await uow.flush_events()
            await savepoint.commit()
        except PermanentEventError as exc:
            await savepoint.rollback()
            return self._dead_letter(envelope, str(exc))
        except Exception as exc:
            position = (record.topic, record.partition, record.offset)
            self._handler_failures[position] += 1
            if is_transient(exc) or self._handler_failures[position] < MAX_HANDLER_ATTEMPTS:
                raise
            await savepoint.rollback()
            del self._handler_failures[position]
            return self._dead_letter(
                envelope, f"handler failed {MAX_HANDLER_ATTEMPTS} times: {exc!r}"
            )
        metrics.EVENTS_CONSUMED.labels(envelope.type, "processed").inc()
        return None

    @staticmethod
    def _dead_letter(envelope: Envelope, reason: str) -> str:
        metrics.EVENTS_CONSUMED.labels(envelope.type, "dead_lettered").inc()
        log.warning("dead-lettering %s %s: %s", envelope.type, envelope.id, reason)
        return reason

    async def _send_dead_letters(self, dead: list[DeadLetter]) -> None:
        deliveries = []
        for letter in dead:
            record = letter.record
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

    @staticmethod
    def _log_retry(retry_state: object) -> None:
        metrics.CONSUMER_RETRIES.inc()
        outcome = getattr(retry_state, "outcome", None)
        error = outcome.exception() if outcome is not None else None
        log.warning("consumer batch failed, retrying: %r", error)


async def _first_delivery(session: AsyncSession, envelope: Envelope) -> bool:
    inserted = await session.execute(
        insert(inbox)
        .values(event_id=envelope.id, event_type=envelope.type)
        .on_conflict_do_nothing(index_elements=[inbox.c.event_id])
        .returning(inbox.c.event_id)
    )
    return inserted.first() is not None
