"""Release decisions per second, consumed from Kafka, on real servers.

The declaration and inspection topics are filled first (an accepted declaration and a green
lane for each), then the release service's consumers and relay start: the clock runs until
every declaration has its decision committed and its Released event published to Kafka.
"""

import asyncio
import time
from uuid import uuid4

from aiokafka import AIOKafkaConsumer
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from clearway_contracts.events.declaration import TOPIC as DECLARATION_TOPIC
from clearway_contracts.events.inspection import TOPIC as INSPECTION_TOPIC
from clearway_infra.kafka_backbone import open_backbone
from clearway_platform.db import create_engine, create_session_factory, outbox
from clearway_platform.inbox import EventConsumer
from clearway_platform.kafka import create_consumer, create_producer
from clearway_platform.outbox import OutboxRelay
from clearway_release.db import decisions
from clearway_release.releases.handlers import handlers as release_handlers
from clearway_release.settings import Settings
from tests.support.events import AsOwners
from tests.support.infra import TestInfra
from tests.support.samples.snapshots import accepted, lane


async def run(*, infra: TestInfra, declarations: int, consumers: int) -> dict[str, float]:
    settings = Settings(
        database_url=await infra.migrated_database("release"),
        **infra.kafka_settings("release"),
        topic_prefix=f"bench{uuid4().hex[:6]}.",
    )
    await open_backbone(infra.kafka_options(), settings.topic_prefix, partitions=6)
    engine = create_engine(settings.database_url, pool_size=consumers + 2)
    producer = create_producer(settings)
    await producer.start()
    topics = [settings.topic(DECLARATION_TOPIC), settings.topic(INSPECTION_TOPIC)]
    clients = [create_consumer(settings, *topics) for _ in range(consumers)]
    await asyncio.gather(*(client.start() for client in clients))
    await _joined(clients)  # the group's first rebalance is not what is measured
    await _fill(infra, settings, declarations)

    started = time.perf_counter()
    tasks = [
        asyncio.create_task(
            EventConsumer(
                consumer=client,
                producer=producer,
                session_factory=create_session_factory(engine),
                handlers=release_handlers(),
                source=settings.event_source,
                dead_letter_topic=settings.dead_letter_topic,
                topic_prefix=settings.topic_prefix,
                batch_size=settings.consumer_batch_size,
            ).run()
        )
        for client in clients
    ]
    tasks.append(asyncio.create_task(OutboxRelay(engine=engine, producer=producer).run()))
    try:
        decided = await _until(engine, declarations, published=False)
        published = await _until(engine, declarations, published=True)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.gather(*(client.stop() for client in clients))
        await producer.stop()
        await engine.dispose()
    return {
        "decided_per_s": declarations / (decided - started),
        "published_per_s": declarations / (published - started),
    }


async def _joined(clients: list[AIOKafkaConsumer]) -> None:
    while not all(client.assignment() for client in clients):
        await asyncio.sleep(0.1)


async def _fill(infra: TestInfra, settings: Settings, declarations: int) -> None:
    """Each declaration accepted (by the declaration service) and lane green (inspection)."""
    ids = [uuid4() for _ in range(declarations)]
    async with AsOwners(infra, settings.topic_prefix) as upstream:
        await upstream.send_all(payload for id_ in ids for payload in (accepted(id_), lane(id_)))


async def _until(engine: AsyncEngine, count: int, *, published: bool) -> float:
    """The moment ``count`` decisions exist (or, ``published``, their events left the outbox)."""
    query = (
        select(func.count()).select_from(outbox).where(outbox.c.published_at.is_not(None))
        if published
        else select(func.count()).select_from(decisions)
    )
    while True:
        async with engine.connect() as conn:
            if int(await conn.scalar(query) or 0) >= count:
                return time.perf_counter()
        await asyncio.sleep(0.05)
