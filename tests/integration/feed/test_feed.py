"""The event feed through the real broker and database: a declaration's events appear in the
order they happened, a reader resumes from any cursor (also across a restart) without gaps or
duplicates, a declarant sees only its own, officials none, and a long poll wakes on news."""

import asyncio
import time
from typing import Any
from uuid import uuid4

import httpx
import pytest

from clearway_contracts.events.common import DeclarationStatus, Lane, Outcome
from clearway_contracts.events.declaration import DeclarationAccepted
from clearway_gateway.settings import Settings
from tests.integration.feed.conftest import OTHER_DECLARANT, Feed, running_feed
from tests.support.events import AsOwners
from tests.support.samples.snapshots import (
    CHONGQING_RAIL,
    accepted,
    inspected,
    lane,
    snapshot,
    status_changed,
)

pytestmark = pytest.mark.integration

ACCEPTED = "clearway.declaration.accepted.v1"
STATUS_CHANGED = "clearway.declaration.status_changed.v1"
INSPECTED = "clearway.inspection.completed.v1"


async def read_all(
    client: httpx.AsyncClient, after: str = "0", limit: int = 100
) -> tuple[list[dict[str, Any]], str]:
    """Every event after ``after``, page by page; and the cursor to read on from."""
    events: list[dict[str, Any]] = []
    while True:
        response = await client.get("/v1/events", params={"after": after, "limit": limit})
        assert response.status_code == 200, response.text
        page = response.json()
        events += page["events"]
        if page["next_cursor"] == after:
            return events, after
        after = page["next_cursor"]


async def wait_for(
    client: httpx.AsyncClient, count: int, timeout: float = 30
) -> list[dict[str, Any]]:
    async with asyncio.timeout(timeout):
        while len(events := (await read_all(client))[0]) < count:
            await asyncio.sleep(0.2)
    return events


async def test_a_declarations_events_in_order_resumable_from_any_cursor(
    feed: Feed, upstream: AsOwners, settings: Settings, other_key: str
) -> None:
    declaration = uuid4()
    statuses = [
        DeclarationStatus.UNDER_CONTROL,
        DeclarationStatus.HELD,
        DeclarationStatus.RELEASED,
    ]
    await upstream.send(accepted(declaration), event_id=f"accepted-{declaration}")
    await upstream.send(accepted(declaration), event_id=f"accepted-{declaration}")  # again
    await upstream.send(lane(declaration, Lane.RED))  # the risk engine's lane: not in the feed
    await upstream.send(*[status_changed(declaration, status) for status in statuses])
    await upstream.send(inspected(declaration, Outcome.PASSED))

    events = await wait_for(feed.silk_road, 5)
    await asyncio.sleep(1)  # nothing more comes: the redelivery and the lane stay out
    events, end = await read_all(feed.silk_road)
    # One topic's events keep their order; the inspection topic's may come between them.
    declarations = [e for e in events if e["type"] in (ACCEPTED, STATUS_CHANGED)]
    assert [e["type"] for e in declarations] == [ACCEPTED, *[STATUS_CHANGED] * 3]
    assert [e["data"]["status"] for e in declarations[1:]] == [s.value for s in statuses]
    assert sorted(e["type"] for e in events) == sorted([ACCEPTED, *[STATUS_CHANGED] * 3, INSPECTED])
    assert len({e["id"] for e in events}) == 5
    assert all(e["subject"] == str(declaration) and e["specversion"] == "1.0" for e in events)

    # One at a time, the same events; and from any cursor, the rest of them.
    one_by_one, _ = await read_all(feed.silk_road, limit=1)
    assert one_by_one == events
    first = await feed.silk_road.get("/v1/events", params={"limit": 2})
    cursor = first.json()["next_cursor"]
    async with running_feed(settings, other_key) as restarted:
        rest, again_end = await read_all(restarted.silk_road, after=cursor)
        assert first.json()["events"] + rest == events
        assert again_end == end


async def test_an_event_before_its_declaration_waits_for_it(feed: Feed, upstream: AsOwners) -> None:
    declaration = uuid4()
    await upstream.send(inspected(declaration, Outcome.PASSED))  # the inspection topic ran ahead
    await asyncio.sleep(2)
    assert (await read_all(feed.silk_road))[0] == []
    await upstream.send(accepted(declaration))
    events = await wait_for(feed.silk_road, 2)
    assert [e["type"] for e in events] == [ACCEPTED, INSPECTED]


async def test_a_declarant_reads_only_its_own_events_and_officials_none(
    feed: Feed, upstream: AsOwners
) -> None:
    mine, theirs = uuid4(), uuid4()
    await upstream.send(
        accepted(mine),
        DeclarationAccepted(
            **snapshot(declaration_id=theirs, declarant=CHONGQING_RAIL).model_dump()
        ),
        status_changed(theirs, DeclarationStatus.UNDER_CONTROL),
        status_changed(mine, DeclarationStatus.UNDER_CONTROL),
    )
    silk_road = await wait_for(feed.silk_road, 2)
    chongqing = await wait_for(feed.chongqing, 2)
    assert {e["subject"] for e in silk_road} == {str(mine)}
    assert {e["subject"] for e in chongqing} == {str(theirs)}
    assert chongqing[0]["data"]["declarant"]["customs_code"] == OTHER_DECLARANT
    assert (await feed.officer.get("/v1/events")).status_code == 403


async def test_a_long_poll_wakes_on_a_new_event(feed: Feed, upstream: AsOwners) -> None:
    declaration = uuid4()
    await upstream.send(accepted(declaration))
    _, cursor = (await wait_for(feed.silk_road, 1)), (await read_all(feed.silk_road))[1]
    started = time.monotonic()
    waiting = asyncio.create_task(
        feed.silk_road.get("/v1/events", params={"after": cursor, "wait": 25})
    )
    await asyncio.sleep(1.5)
    assert not waiting.done()
    await upstream.send(status_changed(declaration, DeclarationStatus.UNDER_CONTROL))
    response = await waiting
    assert [e["type"] for e in response.json()["events"]] == [STATUS_CHANGED]
    assert time.monotonic() - started < 15

    quiet = time.monotonic()
    empty = await feed.silk_road.get(
        "/v1/events", params={"after": response.json()["next_cursor"], "wait": 1}
    )
    assert empty.json()["events"] == [] and 1 <= time.monotonic() - quiet < 5
    assert empty.json()["next_cursor"] == response.json()["next_cursor"]


async def test_a_bad_cursor_or_wait_is_refused_naming_it(feed: Feed) -> None:
    response = await feed.silk_road.get("/v1/events", params={"after": "abc", "wait": 99})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} >= {"after", "wait"}
