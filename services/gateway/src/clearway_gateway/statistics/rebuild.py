"""``python -m clearway_gateway statistics rebuild``: the read model again, from Kafka.

Empties the statistics tables (and the gateway's inbox), reads every topic the statistics
consume from its first retained offset up to the end offsets of the moment it started, applying
each batch exactly as the statistics role does (the same handlers, the same idempotent
consumer), prints its progress, and exits. The offsets it reached are committed for the
statistics' consumer group, so the role carries on from there when it starts again.

Stop the statistics role first (``kubectl scale deployment/gateway-statistics --replicas=0``):
the rebuild joins the statistics' consumer group and refuses to start unless it holds every
partition alone. What Kafka no
longer retains (older than the topics' retention) cannot come back; see ADR 0020.
"""

import asyncio
import contextlib
import sys
import time
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition

from clearway_gateway.settings import Settings
from clearway_gateway.statistics import service
from clearway_gateway.statistics.handlers import handlers
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.inbox import EventConsumer
from clearway_platform.kafka import create_consumer, create_producer
from clearway_platform.uow import UnitOfWork

Say = Callable[[str], None]


class RebuildRefused(RuntimeError):
    """The rebuild cannot read every partition: the statistics role is still running."""


def _say(line: str) -> None:
    print(line, flush=True)


async def rebuild(settings: Settings, *, say: Say = _say, every_seconds: float = 2.0) -> int:
    """Rebuild the read model; the number of events read."""
    registered = handlers()
    engine = create_engine(settings.database_url, pool_size=2)
    session_factory = create_session_factory(engine)
    topics = sorted(settings.topic(t) for t in registered.topics)
    consumer = create_consumer(settings)  # joins the statistics' group once subscribed
    producer = create_producer(settings)  # for dead letters, as the statistics role
    try:
        await consumer.start()
        await producer.start()
        ends = await _ends(consumer, topics, settings.consumer_group)  # refuses before emptying
        uow = UnitOfWork(session_factory, source=settings.event_source)
        await service.empty(uow=uow)
        say("statistics rebuild: tables emptied")
        total = sum(ends.values())
        say(f"statistics rebuild: {total} events to read on {len(ends)} partitions")
        applying = EventConsumer(
            consumer=consumer,
            producer=producer,
            session_factory=session_factory,
            handlers=registered,
            source=settings.event_source,
            dead_letter_topic=settings.dead_letter_topic,
            topic_prefix=settings.topic_prefix,
            batch_size=settings.consumer_batch_size,
        )
        read = await _read_up_to(consumer, applying, ends, total, say, every_seconds)
        say(f"statistics rebuild: done, {read} events read")
        return read
    finally:
        with contextlib.suppress(Exception):
            await consumer.stop()
        with contextlib.suppress(Exception):
            await producer.stop()
        await engine.dispose()


async def _ends(
    consumer: AIOKafkaConsumer, topics: list[str], group: str
) -> dict[TopicPartition, int]:
    """Every partition of ``topics``, positioned at its start, with the offset it ends at now.

    The rebuild joins the statistics' consumer group; it must hold every partition alone."""
    listener = _Assigned()
    consumer.subscribe(topics, listener=listener)
    async with asyncio.timeout(60):
        await listener.done.wait()
    assigned = consumer.assignment()
    every = {
        TopicPartition(topic, number)
        for topic in topics
        for number in consumer.partitions_for_topic(topic) or ()
    }
    if assigned != every:
        raise RebuildRefused(
            f"another consumer in group {group} holds partitions "
            "(the statistics role?): stop it, then rebuild"
        )
    await consumer.seek_to_beginning(*assigned)
    ends: dict[TopicPartition, int] = await consumer.end_offsets(list(assigned))
    return ends


async def _read_up_to(
    consumer: AIOKafkaConsumer,
    applying: EventConsumer,
    ends: dict[TopicPartition, int],
    total: int,
    say: Say,
    every_seconds: float,
) -> int:
    read = 0
    last_said = time.monotonic()
    while await _unfinished(consumer, ends):
        batches = await consumer.getmany(timeout_ms=1000, max_records=500)
        for partition, records in batches.items():
            wanted = [r for r in records if r.offset < ends[partition]]
            if wanted:
                await applying.process(partition, wanted)  # applies, then commits the offset
                read += len(wanted)
        if time.monotonic() - last_said >= every_seconds:
            say(f"statistics rebuild: {read} of at most {total} events read")
            last_said = time.monotonic()
    return read


async def _unfinished(consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    for partition, end in ends.items():
        if await consumer.position(partition) < end:
            return True
    return False


class _Assigned(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka is untyped here
    """Says when the group gave this consumer its partitions."""

    def __init__(self) -> None:
        self.done = asyncio.Event()

    async def on_partitions_revoked(self, revoked: object) -> None:
        self.done.clear()

    async def on_partitions_assigned(self, assigned: object) -> None:
        self.done.set()


def run(argv: list[str]) -> int:
    """``statistics rebuild``."""
    if argv != ["statistics", "rebuild"]:
        print("usage: python -m clearway_gateway statistics rebuild", file=sys.stderr)
        return 2
    try:
        asyncio.run(rebuild(Settings()))
    except RebuildRefused as exc:
        print(f"statistics rebuild: refused: {exc}", file=sys.stderr)
        return 1
    return 0
