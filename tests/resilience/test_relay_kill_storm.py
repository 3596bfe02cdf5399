"""Exactly once on Kafka (ADR 0028): an outbox relay killed -9 again and again while it
publishes a few thousand events; an independent read_committed reader sees every event
once, and each declaration's events in the order they were committed.

The relays run as replicas do in Kubernetes: a leader and standbys, each its own process,
and a standby takes over when the leader is killed. Only relays are killed, so the test runs
on the session's PostgreSQL and Kafka (its own database and topics). The database takes a
moment to mark each batch sent (a statement trigger sleeps), which widens the gap between
Kafka's commit and PostgreSQL's, where a relay that only marked rows after publishing them
would publish them twice; the test counts the kills that landed in that gap and requires some.
"""

import asyncio
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import ClassVar
from uuid import UUID, uuid4

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from clearway_contracts.events import declaration
from clearway_contracts.events.base import EventPayload
from clearway_platform import relay_position
from clearway_platform.db import create_engine, create_session_factory, outbox
from clearway_platform.migrations import messaging_ddl
from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork
from tests.support import relay_process
from tests.support.events import EventProbe
from tests.support.infra import REPO, TestInfra

pytestmark = pytest.mark.resilience

WRITERS = 4
DECLARATIONS_PER_WRITER = 5  # each declaration is written by one writer: its order is known
EVENTS_PER_TRANSACTION = 5
TRANSACTIONS_PER_WRITER = 150  # 4 x 150 x 5 = 3,000 events
KILLS = 8
RELAY_BATCH = 50  # publishes slower than the writers write: it is always busy
MARKING_SECONDS = 0.15  # how long PostgreSQL takes to mark a batch sent, here


class Stormed(EventPayload):
    event_type: ClassVar[str] = "clearway.test.stormed.v1"
    topic: ClassVar[str] = declaration.TOPIC

    declaration_id: UUID
    sequence: int  # per declaration, in commit order


@pytest.mark.timeout(900)
async def test_a_relay_killed_again_and_again_publishes_each_event_once_and_in_order(
    infra: TestInfra, topic_prefix: str, tmp_path: Path
) -> None:
    started = time.monotonic()
    url = await infra.fresh_database("storm")
    await infra.open_backbone(topic_prefix)
    settings = ServiceSettings(
        service_name="declaration",
        database_url=url,
        **infra.kafka_settings("declaration"),
        topic_prefix=topic_prefix,
    )
    engine = create_engine(url, pool_size=WRITERS + 2)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(messaging_ddl)
            for statement in SLOW_MARKING:
                await conn.execute(text(statement))
        written = asyncio.create_task(write(engine, settings))
        kills, in_the_gap = await storm(engine, settings, written, tmp_path / "leader")
        expected = await written
        storm_seconds = time.monotonic() - started

        async with EventProbe(infra.kafka_options(), settings.topic(Stormed.topic)) as probe:
            await probe.wait_for(lambda seen: {e.id for e in seen} >= set(expected), timeout=60)
            await probe.drain(2.0)  # a late duplicate would show up here
            records = sorted(probe.records, key=lambda r: (r.partition, r.offset))
            events = probe.events
    finally:
        await engine.dispose()

    print(
        f"\n{len(expected)} events, relay killed -9 {kills} times "
        f"({in_the_gap} between Kafka's commit and PostgreSQL's), "
        f"all published in {storm_seconds:.1f}s"
    )
    seen = Counter(e.id for e in events)
    doubled = sorted(i for i, count in seen.items() if count > 1)
    assert not doubled, f"{len(doubled)} event ids seen more than once: {doubled[:5]}"
    assert set(seen) == set(expected)
    assert kills >= KILLS // 2, "the relay published everything before the storm was over"
    assert in_the_gap > 0, "no kill landed between Kafka's commit and PostgreSQL's"
    by_id = {e.id: e for e in events}
    sequences: dict[str, list[int]] = defaultdict(list)
    for record in records:
        event = by_id[dict(record.headers)["ce_id"].decode()]
        sequences[str(event.subject)].append(int(event.data["sequence"]))
    for subject, order in sequences.items():
        assert order == sorted(order), f"{subject}: out of order {order}"


# A statement trigger: each relay's UPDATE of published_at takes MARKING_SECONDS longer.
SLOW_MARKING = [
    "CREATE FUNCTION slow_marking() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_sleep({MARKING_SECONDS}); RETURN NULL; END $$",
    "CREATE TRIGGER slow_marking BEFORE UPDATE ON outbox "
    "FOR EACH STATEMENT EXECUTE FUNCTION slow_marking()",
]


async def write(engine: AsyncEngine, settings: ServiceSettings) -> list[str]:
    """Every writer commits its declarations' events in order, a few per transaction,
    all writers at once (so outbox ids commit out of order); returns the event ids."""
    sessions = create_session_factory(engine)
    ids: list[str] = []

    async def writer() -> None:
        declarations = [uuid4() for _ in range(DECLARATIONS_PER_WRITER)]
        sequence = itertools.count()
        turn = itertools.cycle(declarations)
        for _ in range(TRANSACTIONS_PER_WRITER):
            async with UnitOfWork(
                sessions, source=settings.event_source, topic_prefix=settings.topic_prefix
            ) as uow:
                for _ in range(EVENTS_PER_TRANSACTION):
                    payload = Stormed(declaration_id=next(turn), sequence=next(sequence))
                    ids.append(uow.publish(payload).id)
                await uow.commit()
            await asyncio.sleep(0.05)

    await asyncio.gather(*(writer() for _ in range(WRITERS)))
    return ids


async def storm(
    engine: AsyncEngine,
    settings: ServiceSettings,
    written: "asyncio.Task[list[str]]",
    leader_file: Path,
) -> tuple[int, int]:
    """KILLS + 1 relays, as replicas: one leads, the others stand by. Kill -9 the leader soon
    after it has published something, KILLS times; the last one publishes the rest. Returns
    the kills, and how many of them left the relay's last Kafka transaction committed but
    not yet marked in PostgreSQL."""
    relays = {
        relay.pid: relay for relay in (start_relay(settings, leader_file) for _ in range(KILLS + 1))
    }
    killed: set[int] = set()
    in_the_gap = 0
    try:
        while len(killed) < KILLS:
            async with asyncio.timeout(300):  # a loaded machine starts processes slowly
                while (leader := leading(leader_file)) is None or leader in killed:
                    await asyncio.sleep(0.02)
                before = await published(engine)
                while await published(engine) == before:  # it publishes
                    if written.done() and not await unpublished(engine):
                        return len(killed), in_the_gap  # it all went out before KILLS kills
                    await asyncio.sleep(0.02)
            await asyncio.sleep(random.uniform(0.0, 3 * MARKING_SECONDS))
            relays[leader].send_signal(signal.SIGKILL)
            relays[leader].wait()
            killed.add(leader)
            in_the_gap += await committed_but_unmarked(engine, settings)
            print(
                f"kill {len(killed)}: {await published(engine)} published, {in_the_gap} in the gap"
            )
        async with asyncio.timeout(120):
            while not written.done() or await unpublished(engine):
                await asyncio.sleep(0.1)
        return len(killed), in_the_gap
    finally:
        for relay in relays.values():
            relay.kill()
            relay.wait()


def leading(leader_file: Path) -> int | None:
    """The pid of the relay that took the lead last, if any has."""
    return int(leader_file.read_text()) if leader_file.exists() else None


def start_relay(settings: ServiceSettings, leader_file: Path) -> "subprocess.Popen[bytes]":
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.relay_process", str(RELAY_BATCH), str(leader_file)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **relay_process.environment(settings)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def committed_but_unmarked(engine: AsyncEngine, settings: ServiceSettings) -> int:
    """1 if the killed relay's last committed Kafka transaction is not marked sent in the
    database: the kill landed between the two commits."""
    ids = await relay_position.read_last(settings)
    if not ids:
        return 0
    async with engine.connect() as conn:
        unmarked = await conn.scalar(
            select(func.count())
            .select_from(outbox)
            .where(outbox.c.id.in_(ids), outbox.c.published_at.is_(None))
        )
    return int(bool(unmarked))


async def published(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.published_at.is_not(None))
        )
    return int(count or 0)


async def unpublished(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
        )
    return int(count or 0)
