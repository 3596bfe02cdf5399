"""Events per second through outbox → relay → Kafka → consumer inbox, on real servers.

Writers commit one state change and its event per transaction (like lodging a declaration),
the relay publishes, and a consumer applies each event once through the inbox.
"""

import asyncio
import time
from typing import ClassVar
from uuid import UUID, uuid4

from sqlalchemy import Column, MetaData, String, Table, func, select
from sqlalchemy.engine import Connection

from clearway_shared.db import create_engine, create_session_factory
from clearway_shared.events.base import EventPayload
from clearway_shared.events.envelope import Envelope
from clearway_shared.handlers import EventHandlers
from clearway_shared.inbox import EventConsumer
from clearway_shared.kafka import create_consumer, create_producer
from clearway_shared.migrations import messaging_ddl
from clearway_shared.outbox import OutboxRelay
from clearway_shared.settings import ServiceSettings
from clearway_shared.uow import UnitOfWork

metadata = MetaData()
applied = Table("applied", metadata, Column("declaration_id", String, primary_key=True))
lodged = Table("lodged", metadata, Column("declaration_id", String, primary_key=True))


class Lodged(EventPayload):
    event_type: ClassVar[str] = "clearway.bench.lodged.v1"
    topic: ClassVar[str] = "clearway.bench.events"
    declaration_id: UUID


handlers = EventHandlers()


@handlers.on(Lodged)
async def apply(uow: UnitOfWork, event: Lodged, envelope: Envelope) -> None:
    await uow.session.execute(applied.insert().values(declaration_id=str(event.declaration_id)))


def schema(connection: Connection) -> None:
    metadata.create_all(connection)
    messaging_ddl(connection)


async def run(*, database_url: str, bootstrap: str, events: int, writers: int) -> dict[str, float]:
    settings = ServiceSettings(
        service_name="bench",
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap,
        topic_prefix=f"bench{uuid4().hex[:6]}.",
    )
    engine = create_engine(database_url, pool_size=writers + 4)
    async with engine.begin() as conn:
        await conn.run_sync(schema)
    sessions = create_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(sessions, source="/bench", topic_prefix=settings.topic_prefix)

    producer = create_producer(settings)
    consumer = create_consumer(settings, settings.topic(Lodged.topic))
    await producer.start()
    await consumer.start()
    relay = asyncio.create_task(OutboxRelay(engine=engine, producer=producer).run())
    consuming = asyncio.create_task(
        EventConsumer(
            consumer=consumer,
            producer=producer,
            session_factory=sessions,
            handlers=handlers,
            source="/bench",
            dead_letter_topic=settings.dead_letter_topic,
        ).run()
    )

    async def writer(count: int) -> None:
        for _ in range(count):
            async with uow() as work:
                declaration_id = uuid4()
                await work.session.execute(
                    lodged.insert().values(declaration_id=str(declaration_id))
                )
                work.publish(Lodged(declaration_id=declaration_id))
                await work.commit()

    started = time.perf_counter()
    await asyncio.gather(*(writer(events // writers) for _ in range(writers)))
    written = time.perf_counter() - started
    total = (events // writers) * writers
    last_report = 0.0
    while True:
        async with engine.connect() as conn:
            done = int(await conn.scalar(select(func.count()).select_from(applied)) or 0)
        if done >= total:
            break
        if time.perf_counter() - last_report > 5:
            print(f"  backbone: {done}/{total} events applied…", flush=True)
            last_report = time.perf_counter()
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    for task in (relay, consuming):
        task.cancel()
    await asyncio.gather(relay, consuming, return_exceptions=True)
    await consumer.stop()
    await producer.stop()
    await engine.dispose()
    return {
        "events": total,
        "write_tx_per_s": total / written,
        "end_to_end_events_per_s": total / elapsed,
    }
