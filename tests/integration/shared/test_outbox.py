"""The outbox: an event is published if and only if its state change committed."""

import asyncio
import os
import signal
import subprocess
import sys
from datetime import timedelta
from uuid import uuid4

from sqlalchemy import func, select, text, update

from clearway_platform.db import outbox
from clearway_platform.kafka import create_producer
from clearway_platform.outbox import OutboxRelay, purge_published
from tests.integration.shared import backbone
from tests.integration.shared.conftest import Backbone
from tests.support import relay_process
from tests.support.events import EventProbe
from tests.support.infra import REPO


async def lodge(bb: Backbone, count: int) -> list[str]:
    """Commit ``count`` state changes, each with its event; returns the event ids."""
    ids = []
    async with bb.uow() as uow:
        for _ in range(count):
            declaration_id = uuid4()
            await backbone.bump(uow, str(declaration_id))
            ids.append(uow.publish(backbone.Probed(declaration_id=declaration_id)).id)
        await uow.commit()
    return ids


async def unpublished(bb: Backbone) -> int:
    async with bb.engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
        )
    return int(count or 0)


async def test_a_committed_change_publishes_its_event_exactly_once(bb: Backbone) -> None:
    [event_id] = await lodge(bb, 1)
    producer = create_producer(bb.publisher)
    await producer.start()
    try:
        relay = OutboxRelay(engine=bb.engine, producer=producer)
        assert await relay.publish_batch() == 1
        assert await relay.publish_batch() == 0  # marked sent: never again
    finally:
        await producer.stop()
    async with EventProbe(bb.kafka, bb.topic) as probe:
        events = await probe.wait_for(lambda seen: len(seen) >= 1)
        events = await probe.drain(1.0)
    assert [e.id for e in events] == [event_id]
    assert events[0].type == backbone.Probed.event_type


async def test_a_rolled_back_change_publishes_nothing(bb: Backbone) -> None:
    async with bb.uow() as uow:
        declaration_id = uuid4()
        await backbone.bump(uow, str(declaration_id))
        uow.publish(backbone.Probed(declaration_id=declaration_id))
        await uow.flush_events()  # written, but never committed
    assert await unpublished(bb) == 0
    assert await backbone.hits(bb.uow()) == {}


async def test_a_relay_killed_mid_batch_loses_nothing(bb: Backbone) -> None:
    event_ids = await lodge(bb, 3000)
    relay = subprocess.Popen(
        [sys.executable, "-m", "tests.support.relay_process", "100"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **relay_process.environment(bb.publisher)},
    )
    try:
        async with asyncio.timeout(60):
            while await unpublished(bb) == len(event_ids):
                await asyncio.sleep(0.01)
        relay.send_signal(signal.SIGKILL)  # mid-way through the backlog
        relay.wait()
    finally:
        relay.kill()
    left = await unpublished(bb)
    assert 0 < left < len(event_ids), "the kill should land mid-way"

    producer = create_producer(bb.publisher)
    await producer.start()
    try:
        restarted = OutboxRelay(engine=bb.engine, producer=producer, batch_size=500)
        while await restarted.publish_batch():
            pass
    finally:
        await producer.stop()
    assert await unpublished(bb) == 0
    async with EventProbe(bb.kafka, bb.topic) as probe:
        events = await probe.wait_for(lambda seen: {e.id for e in seen} >= set(event_ids))
    assert {e.id for e in events} == set(event_ids)  # duplicates allowed, losses not


async def test_two_relays_racing_publish_each_row_once(bb: Backbone) -> None:
    event_ids = await lodge(bb, 2000)
    producers = [create_producer(bb.publisher) for _ in range(2)]
    for producer in producers:
        await producer.start()
    try:
        relays = [OutboxRelay(engine=bb.engine, producer=p, batch_size=100) for p in producers]

        async def drain(relay: OutboxRelay) -> int:
            total = 0
            while await unpublished(bb):
                published = await relay.publish_batch()
                total += published
                if not published:  # the other relay holds the lock
                    await asyncio.sleep(0.01)
            return total

        published = await asyncio.gather(*(drain(relay) for relay in relays))
    finally:
        for producer in producers:
            await producer.stop()
    assert sum(published) == len(event_ids)
    async with EventProbe(bb.kafka, bb.topic) as probe:
        await probe.wait_for(lambda seen: len(seen) >= len(event_ids))
        events = await probe.drain(1.0)
    assert sorted(e.id for e in events) == sorted(event_ids)


async def test_the_relay_wakes_on_notify_without_waiting_for_its_poll(bb: Backbone) -> None:
    producer = create_producer(bb.publisher)
    await producer.start()
    relay = OutboxRelay(engine=bb.engine, producer=producer, poll_seconds=30)
    running = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.5)  # the relay is now asleep on LISTEN, its poll 30 s away
        [event_id] = await lodge(bb, 1)
        async with EventProbe(bb.kafka, bb.topic) as probe:
            events = await probe.wait_for(lambda seen: len(seen) >= 1, timeout=10)
        assert [e.id for e in events] == [event_id]
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await producer.stop()


async def test_the_relay_listens_again_after_its_connection_is_lost(bb: Backbone) -> None:
    producer = create_producer(bb.publisher)
    await producer.start()
    relay = OutboxRelay(engine=bb.engine, producer=producer, poll_seconds=30)
    running = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.5)
        async with bb.engine.connect() as conn:  # as a PostgreSQL restart or failover would
            terminated = await conn.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE query LIKE 'LISTEN%' AND datname = current_database()"
                )
            )
        assert terminated == 1
        await asyncio.sleep(0.5)
        [event_id] = await lodge(bb, 1)
        async with EventProbe(bb.kafka, bb.topic) as probe:
            events = await probe.wait_for(lambda seen: len(seen) >= 1, timeout=10)
        assert [e.id for e in events] == [event_id]
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await producer.stop()


async def test_published_rows_are_purged_after_a_day_and_unpublished_never(bb: Backbone) -> None:
    await lodge(bb, 3)
    async with bb.engine.begin() as conn:
        first, second, _ = (await conn.scalars(select(outbox.c.id).order_by(outbox.c.id))).all()
        await conn.execute(
            update(outbox)
            .where(outbox.c.id == first)
            .values(published_at=func.now() - timedelta(hours=25))
        )
        await conn.execute(
            update(outbox).where(outbox.c.id == second).values(published_at=func.now())
        )
    assert await purge_published(bb.engine, older_than_hours=24) == 1
    async with bb.engine.connect() as conn:
        left = (await conn.scalars(select(outbox.c.id).order_by(outbox.c.id))).all()
    assert first not in left and second in left and len(left) == 2
