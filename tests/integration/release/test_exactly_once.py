"""No release is ever issued twice, and a cancellation and a release never both win."""

import asyncio
from uuid import UUID, uuid4

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from clearway_release.db import decisions
from clearway_release.settings import Settings
from clearway_shared.clock import FrozenClock
from clearway_shared.events.common import Lane
from clearway_shared.events.release import Released
from tests.integration.release.conftest import HORGOS_OFFICER, running
from tests.integration.release.upstream import accepted, cancelled, lane
from tests.support.events import AsOwners, EventProbe, of_type


async def decisions_in_database(settings: Settings) -> int:
    engine = create_async_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(decisions)) or 0)
    finally:
        await engine.dispose()


async def status(api: httpx.AsyncClient, declaration_id: UUID) -> str:
    """The status once the case is decided (the consumer works in the background)."""
    async with asyncio.timeout(30):
        while True:
            response = await api.get(f"/v1/releases/{declaration_id}")
            if response.status_code == 200 and response.json()["status"] != "waiting":
                return str(response.json()["status"])
            await asyncio.sleep(0.1)


async def test_redelivered_and_duplicated_events_release_once(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe, settings: Settings
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), event_id="accepted-once")
    await upstream.send(accepted(declaration_id), event_id="accepted-once")  # redelivered
    await upstream.send(lane(declaration_id), event_id="lane-once")
    await upstream.send(lane(declaration_id), event_id="lane-once")  # redelivered
    await upstream.send(lane(declaration_id))  # the same fact, published twice upstream

    await published.wait_for(lambda seen: bool(of_type(seen, Released.event_type)))
    await published.drain(1.5)
    assert len(of_type(published.events, Released.event_type)) == 1
    assert await decisions_in_database(settings) == 1


async def test_two_consumer_replicas_release_each_declaration_once(
    settings: Settings, clock: FrozenClock, upstream: AsOwners, published: EventProbe
) -> None:
    declarations = [uuid4() for _ in range(40)]
    async with running(settings, clock, replicas=2):
        # Declarations and lanes race each other on two topics, on two consumers.
        await asyncio.gather(
            upstream.send(*(accepted(d) for d in declarations)),
            upstream.send(*(lane(d) for d in declarations)),
        )
        await published.wait_for(
            lambda seen: len(of_type(seen, Released.event_type)) >= len(declarations)
        )
        await published.drain(1.5)
    released = of_type(published.events, Released.event_type)
    assert sorted(e.subject for e in released) == sorted(map(str, declarations))
    assert len({e.data["release_number"] for e in released}) == len(declarations)
    assert await decisions_in_database(settings) == len(declarations)


async def test_a_cancellation_before_the_decision_prevents_any_release(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), cancelled(declaration_id))
    # Applied first: the two topics' records may otherwise be consumed in either order.
    assert await status(api, declaration_id) == "cancelled"
    await upstream.send(lane(declaration_id, Lane.GREEN))
    assert await published.drain(1.5) == []
    assert await status(api, declaration_id) == "cancelled"


async def test_a_cancellation_after_the_release_is_ignored(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id))
    await published.wait_for(lambda seen: bool(seen))
    await upstream.send(cancelled(declaration_id))
    await published.drain(1.0)
    assert await status(api, declaration_id) == "released"
    assert [e.type for e in published.events] == [Released.event_type]


async def test_cancel_versus_release_one_wins_and_the_events_say_which(
    settings: Settings, clock: FrozenClock, upstream: AsOwners, published: EventProbe
) -> None:
    declarations = [uuid4() for _ in range(30)]
    async with (
        running(settings, clock, replicas=2) as url,
        httpx.AsyncClient(base_url=url, headers=HORGOS_OFFICER) as api,
    ):
        await upstream.send(*(accepted(d) for d in declarations))
        await asyncio.gather(  # the cancellation and the green lane, at the same moment
            upstream.send(*(cancelled(d) for d in declarations)),
            upstream.send(*(lane(d) for d in declarations)),
        )
        statuses = {d: await status(api, d) for d in declarations}
        await published.drain(1.5)
    released = {e.subject for e in of_type(published.events, Released.event_type)}
    assert set(statuses.values()) <= {"released", "cancelled"}
    assert released == {str(d) for d, s in statuses.items() if s == "released"}
    assert len(of_type(published.events, Released.event_type)) == len(released)
