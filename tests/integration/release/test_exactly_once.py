"""No release is ever issued twice, and a cancellation and a release never both win."""

import asyncio
from uuid import UUID, uuid4

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from clearway_contracts.events.common import DeclarationStatus, Lane, Outcome
from clearway_contracts.events.declaration import DeclarationCancelled
from clearway_contracts.events.release import Released, ReleaseWithdrawn
from clearway_platform.clock import FrozenClock
from clearway_release.db import decisions
from clearway_release.settings import Settings
from tests.integration.release.conftest import HORGOS_OFFICER, running
from tests.support.events import AsOwners, EventProbe, of_type
from tests.support.infra import TestInfra
from tests.support.samples.snapshots import (
    accepted,
    amended,
    cancelled,
    inspected,
    lane,
    status_changed,
)


async def decisions_in_database(settings: Settings) -> int:
    engine = create_async_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(decisions)) or 0)
    finally:
        await engine.dispose()


async def status(api: httpx.AsyncClient, declaration_id: UUID, *, until: str = "") -> str:
    """The status once the case is decided, or is ``until`` (the consumer works in the
    background); fails after 30 s."""
    async with asyncio.timeout(30):
        while True:
            response = await api.get(f"/v1/releases/{declaration_id}")
            found = response.json().get("status") if response.status_code == 200 else None
            if found == until or (not until and found not in (None, "waiting")):
                return str(found)
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


async def test_a_cancellation_before_the_release_is_in_force_withdraws_it(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    """The declaration service recorded the cancellation first: the release never counts."""
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id))
    await published.wait_for(lambda seen: bool(of_type(seen, Released.event_type)))
    await upstream.send(cancelled(declaration_id))
    events = await published.wait_for(lambda seen: bool(of_type(seen, ReleaseWithdrawn.event_type)))
    assert [e.type for e in events] == [Released.event_type, ReleaseWithdrawn.event_type]
    [withdrawn] = of_type(events, ReleaseWithdrawn.event_type)
    assert withdrawn.data["release_number"] == events[0].data["release_number"]
    assert withdrawn.data["reason"]["code"] == "cancelled"
    assert await status(api, declaration_id) == "cancelled"
    release = (await api.get(f"/v1/releases/{declaration_id}")).json()
    assert release["decision"] is None  # the withdrawn release is no decision


async def test_a_cancellation_after_the_release_is_in_force_is_dead_lettered(
    api: httpx.AsyncClient,
    upstream: AsOwners,
    published: EventProbe,
    settings: Settings,
    infra: TestInfra,
) -> None:
    """The declaration service refuses to cancel a recorded release: a cancellation arriving
    after one means the two disagree, and an operator must look."""
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id))
    await published.wait_for(lambda seen: bool(of_type(seen, Released.event_type)))
    await upstream.send(status_changed(declaration_id, DeclarationStatus.RELEASED))
    await until_in_force(api, declaration_id)
    async with EventProbe(infra.kafka_options(), settings.dead_letter_topic) as dlq:
        await upstream.send(cancelled(declaration_id))
        [letter] = await dlq.wait_for(lambda seen: bool(seen))
    assert letter.type == DeclarationCancelled.event_type
    assert await status(api, declaration_id) == "released"
    assert of_type(await published.drain(0.5), ReleaseWithdrawn.event_type) == []


async def test_an_amendment_before_the_release_is_in_force_withdraws_it_for_the_new_revision(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    """Issue #9, case 1: green for revision 1, amended at once to what risk sends red. The
    release of revision 1 is withdrawn, and revision 2 waits for its inspection."""
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id, Lane.GREEN))
    await published.wait_for(lambda seen: bool(of_type(seen, Released.event_type)))
    await upstream.send(
        amended(declaration_id, revision=2), lane(declaration_id, Lane.RED, revision=2)
    )
    events = await published.wait_for(lambda seen: bool(of_type(seen, ReleaseWithdrawn.event_type)))
    [withdrawn] = of_type(events, ReleaseWithdrawn.event_type)
    assert (withdrawn.data["revision"], withdrawn.data["reason"]["code"]) == (1, "amended")
    await published.drain(1.0)
    assert len(of_type(published.events, Released.event_type)) == 1  # nothing for revision 2 yet
    exit_now = await api.post(f"/v1/releases/{declaration_id}/exits", json={"revision": 1})
    assert exit_now.status_code == 409

    await upstream.send(inspected(declaration_id, Outcome.PASSED, revision=2))
    events = await published.wait_for(lambda seen: len(of_type(seen, Released.event_type)) == 2)
    again = of_type(events, Released.event_type)[1]
    assert again.data["revision"] == 2
    assert again.data["release_number"] != withdrawn.data["release_number"]


async def test_nothing_exits_until_the_release_is_in_force(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id))
    await published.wait_for(lambda seen: bool(of_type(seen, Released.event_type)))
    exits = f"/v1/releases/{declaration_id}/exits"
    pending = await api.post(exits, json={"revision": 1})
    assert pending.status_code == 409
    assert "not yet recorded" in pending.json()["detail"]

    await upstream.send(status_changed(declaration_id, DeclarationStatus.RELEASED))
    await until_in_force(api, declaration_id)
    wrong_revision = await api.post(exits, json={"revision": 2})
    assert wrong_revision.status_code == 409
    assert (await api.post(exits, json={"revision": 1})).json()["status"] == "exited"


async def test_cancel_versus_release_the_cancellation_recorded_first_wins(
    settings: Settings, clock: FrozenClock, upstream: AsOwners, published: EventProbe
) -> None:
    """Cancelled at the declaration service while the release service releases: every release
    it made is withdrawn, whichever consumer replica saw what first."""
    declarations = [uuid4() for _ in range(30)]
    async with (
        running(settings, clock, replicas=2) as url,
        httpx.AsyncClient(base_url=url, auth=HORGOS_OFFICER) as api,
    ):
        await upstream.send(*(accepted(d) for d in declarations))
        await asyncio.gather(  # the cancellation and the green lane, at the same moment
            upstream.send(*(cancelled(d) for d in declarations)),
            upstream.send(*(lane(d) for d in declarations)),
        )
        for declaration_id in declarations:
            await status(api, declaration_id, until="cancelled")
        await published.drain(1.5)
    released = {e.subject for e in of_type(published.events, Released.event_type)}
    withdrawn = {e.subject for e in of_type(published.events, ReleaseWithdrawn.event_type)}
    assert released == withdrawn
    assert len(of_type(published.events, Released.event_type)) == len(released)


async def until_in_force(api: httpx.AsyncClient, declaration_id: UUID) -> None:
    async with asyncio.timeout(30):
        while True:
            decision = (await api.get(f"/v1/releases/{declaration_id}")).json()["decision"]
            if decision and decision["in_force"]:
                return
            await asyncio.sleep(0.1)
