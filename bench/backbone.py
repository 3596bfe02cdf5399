"""Events per second through outbox → relay → Kafka → consumer inbox, on real servers.

Writers commit one state change and its event per transaction (like lodging a declaration),
the relay publishes, and a consumer applies each event once through the inbox. As in
production, the writers and the relay are the declaration service (its Kafka principal, its
topic) and the consumer is the inspection service, each authenticated and held to its ACLs.
"""

import asyncio
import time
from typing import ClassVar
from uuid import UUID, uuid4

from sqlalchemy import Column, MetaData, String, Table, func, select
from sqlalchemy.engine import Connection

from clearway_contracts.events import declaration
from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import Envelope
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.handlers import EventHandlers
from clearway_platform.inbox import EventConsumer
from clearway_platform.kafka import create_consumer, create_producer
from clearway_platform.migrations import messaging_ddl
from clearway_platform.outbox import OutboxRelay
from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork
from tests.support.infra import TestInfra

metadata = MetaData()
applied = Table("applied", metadata, Column("declaration_id", String, primary_key=True))
lodged = Table("lodged", metadata, Column("declaration_id", String, primary_key=True))


class Lodged(EventPayload):
    event_type: ClassVar[str] = "clearway.bench.lodged.v1"
    topic: ClassVar[str] = declaration.TOPIC
    declaration_id: UUID


handlers = EventHandlers()


@handlers.on(Lodged)
async def apply(uow: UnitOfWork, event: Lodged, envelope: Envelope) -> None:
    await uow.session.execute(applied.insert().values(declaration_id=str(event.declaration_id)))


def schema(connection: Connection) -> None:
    metadata.create_all(connection)
    messaging_ddl(connection)


async def run(
    *, database_url: str, infra: TestInfra, events: int, writers: int
) -> dict[str, float]:
    prefix = f"bench{uuid4().hex[:6]}."
    await infra.open_backbone(prefix)

    def settings(service: str) -> ServiceSettings:
        return ServiceSettings(
            service_name=service,
            database_url=database_url,
            **infra.kafka_settings(service),
            topic_prefix=prefix,
        )

    writing, reading = settings("declaration"), settings("inspection")
    engine = create_engine(database_url, pool_size=writers + 4)
    async with engine.begin() as conn:
        await conn.run_sync(schema)
    sessions = create_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(sessions, source=writing.event_source, topic_prefix=prefix)

    producer = create_producer(writing)
    dead_letters = create_producer(reading)
    consumer = create_consumer(reading, reading.topic(Lodged.topic))
    await producer.start()
    await dead_letters.start()
    await consumer.start()
    relay = asyncio.create_task(OutboxRelay(engine=engine, producer=producer).run())
    consuming = asyncio.create_task(
        EventConsumer(
            consumer=consumer,
            producer=dead_letters,
            session_factory=sessions,
            handlers=handlers,
            source=reading.event_source,
            dead_letter_topic=reading.dead_letter_topic,
            topic_prefix=prefix,
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
    await dead_letters.stop()
    await producer.stop()
    await engine.dispose()
    return {
        "events": total,
        "write_tx_per_s": total / written,
        "end_to_end_events_per_s": total / elapsed,
    }
