"""The inbox: every consumed event takes effect exactly once; poison goes to the DLQ."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, insert, select

from clearway_contracts.events.envelope import encode
from clearway_platform.db import inbox
from clearway_platform.handlers import EventHandlers
from clearway_platform.inbox import EventConsumer, purge_seen
from clearway_platform.kafka import connection_options, create_consumer, create_producer
from tests.integration.shared import backbone
from tests.integration.shared.conftest import Backbone
from tests.support.events import EventProbe


@asynccontextmanager
async def consuming(
    bb: Backbone, handlers: EventHandlers = backbone.handlers
) -> AsyncIterator[None]:
    """Run the consuming service's consumer in the background for the duration of the block."""
    producer = create_producer(bb.consumer)
    consumer = create_consumer(bb.consumer, bb.topic)
    await producer.start()
    await consumer.start()
    task = asyncio.create_task(
        EventConsumer(
            consumer=consumer,
            producer=producer,
            session_factory=bb.session_factory,
            handlers=handlers,
            source=bb.consumer.event_source,
            dead_letter_topic=bb.consumer.dead_letter_topic,
            topic_prefix=bb.consumer.topic_prefix,
        ).run()
    )
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await consumer.stop()
        await producer.stop()


@asynccontextmanager
async def raw_producer(bb: Backbone) -> AsyncIterator[AIOKafkaProducer]:
    """A plain producer of the publishing service: writes whatever a test hands it."""
    producer = AIOKafkaProducer(**connection_options(bb.publisher))
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def send_probe(
    producer: AIOKafkaProducer,
    bb: Backbone,
    *,
    event_id: str | None = None,
    poison: bool = False,
    source: str | None = None,
) -> str:
    declaration_id = uuid4()
    _, record = encode(
        backbone.Probed(declaration_id=declaration_id, poison=poison),
        source=source or bb.publisher.event_source,
        event_id=event_id,
    )
    await producer.send_and_wait(bb.topic, record.value, key=record.key, headers=record.headers)
    return str(declaration_id)


async def wait_for_hits(bb: Backbone, expected: dict[str, int], timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while True:
            seen = await backbone.hits(bb.uow())
            if all(seen.get(key) == value for key, value in expected.items()):
                return
            await asyncio.sleep(0.1)


async def inbox_rows(bb: Backbone) -> int:
    async with bb.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(inbox)) or 0)


async def test_a_redelivered_event_takes_effect_once(bb: Backbone) -> None:
    event_id = str(uuid4())
    async with raw_producer(bb) as producer:
        first = await send_probe(producer, bb, event_id=event_id)
        # the same event again, as a relay crash or a consumer rebalance would redeliver it
        _, record = encode(
            backbone.Probed(declaration_id=first),
            source=bb.publisher.event_source,
            event_id=event_id,
        )
        await producer.send_and_wait(bb.topic, record.value, key=record.key, headers=record.headers)
        marker = await send_probe(producer, bb)
    async with consuming(bb):
        await wait_for_hits(bb, {first: 1, marker: 1})
    assert (await backbone.hits(bb.uow()))[first] == 1
    assert await inbox_rows(bb) == 2


async def test_offsets_are_committed_so_a_restarted_consumer_does_not_reapply(
    bb: Backbone,
) -> None:
    async with raw_producer(bb) as producer:
        declarations = [await send_probe(producer, bb) for _ in range(20)]
    async with consuming(bb):
        await wait_for_hits(bb, dict.fromkeys(declarations, 1))
    async with consuming(bb):  # same group: starts after the committed offsets
        await asyncio.sleep(2)
    assert await backbone.hits(bb.uow()) == dict.fromkeys(declarations, 1)


async def test_a_poison_message_is_dead_lettered_and_the_next_one_processed(
    bb: Backbone,
) -> None:
    async with raw_producer(bb) as producer:
        await producer.send_and_wait(bb.topic, b"not json at all", key=b"k")
        await producer.send_and_wait(
            bb.topic,
            b'{"declaration_id": "not-a-uuid"}',
            key=b"k",
            headers=[
                ("ce_id", b"bad-payload"),
                ("ce_type", backbone.Probed.event_type.encode()),
                ("ce_source", bb.publisher.event_source.encode()),
                ("ce_specversion", b"1.0"),
                ("content-type", b"application/json"),
            ],
        )
        refused = await send_probe(producer, bb, poison=True)
        healthy = await send_probe(producer, bb)
    async with (
        EventProbe(bb.kafka, bb.consumer.dead_letter_topic) as dlq,
        consuming(bb),
    ):
        await wait_for_hits(bb, {healthy: 1})
        await dlq.wait_for(lambda _: len(dlq.records) >= 3)
    reasons = sorted(dict(r.headers)["dlq_reason"].decode() for r in dlq.records)
    assert len(reasons) == 3
    assert reasons[0].startswith("invalid clearway.backbone.probed.v1 payload")
    assert reasons[1].startswith("not a CloudEvents binary-mode record")
    assert reasons[2] == "poison requested by the test"
    assert all(dict(r.headers)["dlq_topic"].decode() == bb.topic for r in dlq.records)
    assert refused not in await backbone.hits(bb.uow())


async def test_an_event_whose_source_is_not_the_topics_owner_is_dead_lettered(
    bb: Backbone,
) -> None:
    """The declaration topic carries only what the declaration service says: an event on it
    claiming to come from the release service is refused, whoever managed to write it."""
    async with raw_producer(bb) as producer:
        forged = await send_probe(producer, bb, source="/clearway/release")
        genuine = await send_probe(producer, bb)
    async with EventProbe(bb.kafka, bb.consumer.dead_letter_topic) as dlq, consuming(bb):
        await wait_for_hits(bb, {genuine: 1})
        await dlq.wait_for(lambda _: len(dlq.records) >= 1)
    [letter] = dlq.records
    assert dict(letter.headers)["dlq_reason"].decode() == (
        f"untrusted source '/clearway/release' on {bb.topic}: "
        "only /clearway/declaration publishes there"
    )
    assert forged not in await backbone.hits(bb.uow())


async def test_event_ids_are_forgotten_only_after_the_retention(bb: Backbone) -> None:
    """The inbox forgets an event id only once Kafka can no longer deliver it again."""

    def ago(days: int) -> datetime:
        return datetime.now(UTC) - timedelta(days=days)

    async with bb.engine.begin() as conn:
        await conn.execute(
            insert(inbox),
            [
                {"event_id": "old", "event_type": "t", "received_at": ago(9)},
                {"event_id": "recent", "event_type": "t", "received_at": ago(7)},
            ],
        )
        await conn.execute(insert(inbox).values(event_id="new", event_type="t"))
    assert await purge_seen(bb.engine, older_than_hours=8 * 24) == 1
    async with bb.engine.connect() as conn:
        left = set((await conn.scalars(select(inbox.c.event_id))).all())
    assert left == {"recent", "new"}
