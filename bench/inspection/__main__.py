"""`python -m bench.inspection`: risk decisions per second consumed from Kafka, and bookings
per second under contention, on a private PostgreSQL (fsync on) and Kafka, beside pgbench
measured in the same run."""

import argparse
import asyncio
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench.baseline import pgbench_inserts
from clearway_contracts.events.declaration import TOPIC, DeclarationAccepted
from clearway_infra.stack import LocalStack
from clearway_inspection.appointments import service as appointments
from clearway_inspection.lanes import service as declarations
from clearway_inspection.lanes.handlers import handlers as declaration_handlers
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.service import publish_ruleset
from clearway_inspection.seed import seed
from clearway_inspection.settings import Settings
from clearway_platform.clock import FrozenClock
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.domain_errors import DomainError
from clearway_platform.inbox import EventConsumer
from clearway_platform.kafka import create_consumer, create_producer
from clearway_platform.migrations import upgrade
from clearway_platform.uow import UnitOfWork
from tests.support.events import AsOwners
from tests.support.infra import TestInfra
from tests.support.samples.snapshots import snapshot

MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "inspection" / "migrations"
NOW = datetime(2026, 3, 2, tzinfo=UTC)


async def risk_decisions_per_second(infra: TestInfra, settings: Settings, events: int) -> float:
    async with AsOwners(infra, settings.topic_prefix) as declaration_service:
        await declaration_service.send_all(
            DeclarationAccepted(**snapshot(destination="KZ" if n % 10 else "DE").model_dump())
            for n in range(events)
        )

    engine = create_engine(settings.database_url, pool_size=4)
    dead_letters = create_producer(settings)
    await dead_letters.start()
    consumer = create_consumer(settings, settings.topic(TOPIC))
    await consumer.start()
    worker = EventConsumer(
        consumer=consumer,
        producer=dead_letters,
        session_factory=create_session_factory(engine),
        handlers=declaration_handlers(FrozenClock(NOW)),
        source=settings.event_source,
        dead_letter_topic=settings.dead_letter_topic,
        batch_size=settings.consumer_batch_size,
    )
    task = asyncio.create_task(worker.run())
    started = time.perf_counter()
    async with engine.connect() as conn:
        while (await conn.scalar(text("SELECT count(*) FROM risk_decisions"))) < events:
            await conn.rollback()
            await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    task.cancel()
    await consumer.stop()
    await dead_letters.stop()
    await engine.dispose()
    return events / elapsed


async def bookings_per_second(
    settings: Settings, requests: int, concurrency: int
) -> tuple[float, int]:
    """Every request books the same few slots of HRG-1 (capacity 5): most find them full."""
    engine = create_engine(settings.database_url, pool_size=concurrency)
    sessions = create_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(sessions, source=settings.event_source)

    clock = FrozenClock(NOW)
    everything_red = RuleSet.model_validate(
        {
            "rules": [
                {"code": "ALL", "text": "all", "lane": "red", "when": {"destinations": ["KZ"]}}
            ],
            "random_selection": {"rates": {}},
        }
    )
    await publish_ruleset(uow=uow(), ruleset=everything_red, actor="bench")
    red = [snapshot(destination="KZ") for _ in range(requests)]
    unit = uow()
    async with unit:
        for declaration in red:
            await declarations.accept(uow=unit, declaration=declaration, now=NOW)
        await unit.commit()
    slots = [datetime(2026, 3, 2, 4 + n // 2, 30 * (n % 2), tzinfo=UTC) for n in range(8)]
    booked = 0
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> None:
        nonlocal booked
        async with gate:
            try:
                await appointments.book(
                    uow=uow(),
                    tenant="6501234567",
                    declaration_id=red[n].declaration_id,
                    site_id="HRG-1",
                    slot_start=slots[n % len(slots)],
                    clock=clock,
                )
                booked += 1
            except DomainError:
                pass

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(requests)))
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return requests / elapsed, booked


def database_url(admin_dsn: str, database: str) -> str:
    url = make_url(admin_dsn).set(drivername="postgresql+asyncpg", database=database)
    return url.render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.inspection")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--bookings", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=5, help="pgbench duration per run")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-inspection-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        stack.up(databases=["inspection", "bench"], fast=False)
        assert stack.postgres is not None  # started by `up`
        one = pgbench_inserts(stack.postgres.dsn("bench"), clients=1, seconds=args.seconds)
        many = pgbench_inserts(stack.postgres.dsn("bench"), clients=16, seconds=args.seconds)
        infra = TestInfra.on(stack)
        settings = Settings(
            database_url=database_url(stack.admin_dsn, "inspection"),
            **infra.kafka_settings("inspection"),
        )
        upgrade(database_url=settings.database_url, migrations_dir=MIGRATIONS)
        asyncio.run(seed(settings))
        risk = asyncio.run(risk_decisions_per_second(infra, settings, args.events))
        rate, booked = asyncio.run(bookings_per_second(settings, args.bookings, args.concurrency))
        print(f"pgbench inserts (baseline): {one:,.0f}/s with 1 client, {many:,.0f}/s with 16")
        print(f"risk decisions consumed from Kafka: {risk:,.0f}/s ({args.events} events)")
        print(
            f"bookings under contention: {rate:,.0f} requests/s ({args.bookings} requests, "
            f"{args.concurrency} concurrent, 8 slots of 5 places: {booked} booked)"
        )
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
