"""Long-running parts of a service process: the outbox relay, the consumer, workers.

Each runs in a supervised task: if it fails (Kafka down, a bug), it is logged and restarted
with backoff, so a process keeps serving through a broker or database restart.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from clearway_platform import metrics
from clearway_platform.handlers import EventHandlers
from clearway_platform.inbox import EventConsumer, purge_seen
from clearway_platform.kafka import create_consumer
from clearway_platform.outbox import OutboxRelay, backlog, purge_published
from clearway_platform.web.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Worker:
    """A background loop of a service (a sweeper, a watch), run by the ``worker`` role."""

    name: str
    run: Callable[[Runtime], Awaitable[None]]


async def supervise(name: str, run: Callable[[], Awaitable[None]]) -> None:
    delay = 0.5
    while True:
        try:
            await run()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; restarting in %.1f s", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15)


async def start_producer(runtime: Runtime) -> None:
    await runtime.producer.start()
    runtime.kafka_ready.set()


async def run_relay(runtime: Runtime) -> None:
    settings = runtime.settings
    await runtime.kafka_ready.wait()
    await OutboxRelay(
        engine=runtime.engine,
        producer=runtime.producer,
        batch_size=settings.relay_batch_size,
        poll_seconds=settings.relay_poll_seconds,
    ).run()


async def run_housekeeping(runtime: Runtime, *, every_seconds: float = 60.0) -> None:
    """Delete outbox rows published a day ago (the outbox is a queue, not an archive) and
    inbox rows Kafka can no longer redeliver."""
    settings = runtime.settings
    while True:
        outbox_hours, inbox_hours = settings.outbox_retention_hours, settings.inbox_retention_hours
        if purged := await purge_published(runtime.engine, older_than_hours=outbox_hours):
            log.info("outbox: deleted %d rows published over %d hours ago", purged, outbox_hours)
        if forgotten := await purge_seen(runtime.engine, older_than_hours=inbox_hours):
            log.info("inbox: forgot %d event ids over %d hours old", forgotten, inbox_hours)
        await asyncio.sleep(every_seconds)


async def run_backlog_metrics(runtime: Runtime) -> None:
    """Report the outbox's unpublished rows and the age of the oldest, every
    ``backlog_metrics_seconds``: a relay that stopped publishing shows as a growing age."""
    settings = runtime.settings
    service = settings.service_name
    while True:
        pending, oldest = await backlog(runtime.engine)
        metrics.OUTBOX_PENDING.labels(service).set(pending)
        metrics.OUTBOX_OLDEST_SECONDS.labels(service).set(oldest)
        await asyncio.sleep(settings.backlog_metrics_seconds)


async def run_consumer(runtime: Runtime, handlers: EventHandlers) -> None:
    settings = runtime.settings
    await runtime.kafka_ready.wait()  # the dead-letter producer must be up
    consumer = create_consumer(settings, *sorted(settings.topic(t) for t in handlers.topics))
    try:
        await consumer.start()
        await EventConsumer(
            consumer=consumer,
            producer=runtime.producer,
            session_factory=runtime.session_factory,
            handlers=handlers,
            source=settings.event_source,
            dead_letter_topic=settings.dead_letter_topic,
            topic_prefix=settings.topic_prefix,
            batch_size=settings.consumer_batch_size,
        ).run()
    finally:
        await consumer.stop()
