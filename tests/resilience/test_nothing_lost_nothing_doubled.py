"""Nothing lost, nothing doubled (design notes, "Targets"), on real processes.

While a forwarder lodges declarations through the gateway at a steady pace, we `kill -9` the
release service and the declaration service (and start them again), restart the Kafka broker
and restart PostgreSQL. Afterwards every declaration the gateway accepted is released, once:
one release event per declaration (the same event delivered twice is allowed, two different
releases are not), and no release number is given to two declarations.
"""

import asyncio
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

import httpx
import pytest

from clearway_contracts.events.envelope import Envelope
from clearway_contracts.events.release import TOPIC as RELEASE_TOPIC
from clearway_contracts.events.release import Released
from tests.resilience.running import RunningClearway
from tests.support.events import EventProbe, of_type
from tests.support.rules import DETERMINISTIC_RULESET
from tests.support.samples import bodies

pytestmark = pytest.mark.resilience

DECLARATIONS = 150
LODGING_SECONDS = 30.0  # the pace: DECLARATIONS spread evenly over this time
IN_FLIGHT = 4  # concurrent forwarder connections
LODGING_PATIENCE = 60.0  # how long one declaration may be retried across outages
RELEASE_DEADLINE = 90.0  # after the last acceptance, for every declaration to be released
# An ERP retries these (and a broken connection) with the same Idempotency-Key; the test
# prints how many of each it met.
RETRYABLE = {429, 502, 503, 504}


@dataclass
class Disruption:
    at: float  # seconds after lodging started
    what: str
    action: Callable[[RunningClearway], None]
    began: float | None = None
    ended: float | None = None


def crash_and_restart(service: str, *, down_for: float = 0.0) -> Callable[[RunningClearway], None]:
    def action(clearway: RunningClearway) -> None:
        clearway.kill_9(service)
        time.sleep(down_for)
        clearway.start_again(service)

    return action


def disruptions() -> list[Disruption]:
    """One after another, each starting while the forwarder is still lodging. Kafka comes
    last: a broker restart takes 10-20 s here, the others a few seconds."""
    return [
        Disruption(3, "kill -9 the release service, start it again", crash_and_restart("release")),
        Disruption(
            8,
            "kill -9 the declaration service, start it again 2 s later",
            crash_and_restart("declaration", down_for=2),
        ),
        Disruption(15, "restart PostgreSQL (down 1 s)", lambda c: c.restart_postgres(down_for=1)),
        Disruption(20, "restart the Kafka broker", lambda c: c.restart_kafka()),
    ]


@dataclass
class Lodging:
    """What the forwarder saw: the declarations accepted (201), and every failed attempt."""

    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> first view
    failures: Counter[str] = field(default_factory=Counter)  # "503", "ConnectError", ...
    replays: int = 0  # 201s that said Idempotent-Replayed: an earlier attempt had got in
    last_accepted_at: float = 0.0


async def test_every_accepted_declaration_is_released_exactly_once(
    clearway: RunningClearway,
) -> None:
    async with client(clearway, {"Authorization": f"Bearer {clearway.admin_token}"}) as admin:
        await publish_deterministic_rules(admin)

    plan = disruptions()
    started = time.monotonic()
    async with client(clearway, {"X-API-Key": clearway.forwarder_api_key}) as forwarder:
        lodging = Lodging()
        await run_together(lodge_steadily(forwarder, lodging), disrupt(clearway, plan, started))
        lodged_in = lodging.last_accepted_at - started
        views = await wait_until_released(forwarder, set(lodging.accepted), clearway)
        released_in = time.monotonic() - started

    events = await release_events(clearway, set(lodging.accepted))

    print_story(lodging, plan, lodged_in, released_in)
    assert len(lodging.accepted) == DECLARATIONS
    assert_unique_customs_numbers(lodging)
    assert_released_once_in_each_timeline(views)
    assert_one_release_each(events, set(lodging.accepted))


# -- the forwarder -------------------------------------------------------------------------


@asynccontextmanager
async def client(
    clearway: RunningClearway, headers: dict[str, str]
) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=clearway.gateway_url, headers=headers, timeout=15
    ) as http:
        yield http


async def publish_deterministic_rules(admin: httpx.AsyncClient) -> None:
    """A new car is always green: released without an inspector."""
    published = await admin.post("/v1/risk/rulesets", json=DETERMINISTIC_RULESET)
    assert published.status_code == 201, published.text


async def lodge_steadily(forwarder: httpx.AsyncClient, lodging: Lodging) -> None:
    """DECLARATIONS new cars at an even pace over LODGING_SECONDS, IN_FLIGHT at a time."""
    numbers = iter(range(DECLARATIONS))
    started = time.monotonic()

    async def worker() -> None:
        for n in numbers:
            await asyncio.sleep(
                max(0.0, started + n * LODGING_SECONDS / DECLARATIONS - time.monotonic())
            )
            await lodge_until_accepted(forwarder, bodies.local_car(), lodging)

    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))


async def lodge_until_accepted(
    forwarder: httpx.AsyncClient, body: dict[str, Any], lodging: Lodging
) -> None:
    """Lodge, retrying the same body with the same Idempotency-Key through any outage."""
    key = f"resilience-{uuid4()}"
    deadline = time.monotonic() + LODGING_PATIENCE
    while True:
        try:
            response = await forwarder.post(
                "/v1/declarations", json=body, headers={"Idempotency-Key": key}
            )
        except httpx.TransportError as error:
            lodging.failures[type(error).__name__] += 1
        else:
            if response.status_code == 201:
                view = response.json()
                lodging.accepted[view["id"]] = view
                lodging.replays += response.headers.get("Idempotent-Replayed") == "true"
                lodging.last_accepted_at = time.monotonic()
                return
            assert response.status_code in RETRYABLE, response.text
            lodging.failures[str(response.status_code)] += 1
        assert time.monotonic() < deadline, (
            f"not accepted within {LODGING_PATIENCE}s; failures so far: {lodging.failures}"
        )
        await asyncio.sleep(0.5)


async def wait_until_released(
    forwarder: httpx.AsyncClient, ids: set[str], clearway: RunningClearway
) -> dict[str, dict[str, Any]]:
    """Poll each declaration through the gateway until all are released; fail naming the
    stragglers with their timelines."""
    views: dict[str, dict[str, Any]] = {}
    pending = set(ids)
    gate = asyncio.Semaphore(8)  # well under the gateway's rate limit per API key

    async def look(declaration_id: str) -> None:
        async with gate:
            try:
                response = await forwarder.get(f"/v1/declarations/{declaration_id}")
            except httpx.TransportError:
                return
        if response.status_code == 200:
            views[declaration_id] = response.json()
            if views[declaration_id]["status"] == "released":
                pending.discard(declaration_id)

    deadline = time.monotonic() + RELEASE_DEADLINE
    while pending and time.monotonic() < deadline:
        await asyncio.gather(*(look(i) for i in sorted(pending)))
        await asyncio.sleep(0.5)
    assert not pending, (
        f"{len(pending)} of {len(ids)} accepted declarations not released within "
        f"{RELEASE_DEADLINE}s:\n"
        + "\n".join(straggler(i, views.get(i)) for i in sorted(pending))
        + "\n"
        + clearway.log_report()
    )
    return views


def straggler(declaration_id: str, view: dict[str, Any] | None) -> str:
    if view is None:
        return f"  {declaration_id}: never read"
    steps = [f"{e['at']} {e['kind']} -> {e['status']}" for e in view["timeline"]]
    return f"  {declaration_id}: {view['status']}; timeline: {steps}"


# -- the operator's hand on the power switch -----------------------------------------------


async def disrupt(clearway: RunningClearway, plan: list[Disruption], started: float) -> None:
    """Each disruption at its moment, one after another; blocking work in a thread, so the
    forwarder goes on lodging meanwhile."""
    for disruption in plan:
        await asyncio.sleep(max(0.0, started + disruption.at - time.monotonic()))
        disruption.began = time.monotonic() - started
        await asyncio.to_thread(disruption.action, clearway)
        disruption.ended = time.monotonic() - started


async def run_together(*steps: Any) -> None:
    """Run the steps concurrently and wait for all of them, even when one fails, so that no
    restart is still half-done when the fixture stops everything."""
    results = await asyncio.gather(*steps, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


# -- what the release topic says -----------------------------------------------------------


async def release_events(clearway: RunningClearway, ids: set[str]) -> list[Envelope]:
    """Every Released event on the release topic, read from the beginning."""
    async with EventProbe(clearway.kafka, RELEASE_TOPIC) as probe:

        def all_seen(events: list[Envelope]) -> bool:
            return ids <= {e.subject for e in of_type(events, Released.event_type)}

        await probe.wait_for(all_seen, timeout=30)
        await probe.drain(2.0)  # a late duplicate would show up here
        return of_type(probe.events, Released.event_type)


def assert_one_release_each(events: list[Envelope], ids: set[str]) -> None:
    releases: dict[str, dict[str, Envelope]] = defaultdict(dict)  # declaration -> event id
    for event in events:
        releases[event.subject][event.id] = event
    doubled = {
        declaration: sorted(
            f"{e.id} {e.data['release_number']} at {e.data['released_at']}" for e in found.values()
        )
        for declaration, found in releases.items()
        if len(found) > 1
    }
    assert not doubled, f"{len(doubled)} declarations released more than once: {doubled}"
    assert set(releases) == ids, (
        f"never released: {sorted(ids - set(releases))}; "
        f"released but never accepted: {sorted(set(releases) - ids)}"
    )
    numbers = Counter(
        event.data["release_number"] for found in releases.values() for event in found.values()
    )
    shared = {number: count for number, count in numbers.items() if count > 1}
    assert not shared, f"release numbers given to more than one declaration: {shared}"


def assert_released_once_in_each_timeline(views: dict[str, dict[str, Any]]) -> None:
    twice = {
        declaration_id: view["timeline"]
        for declaration_id, view in views.items()
        if releases_in(view["timeline"]) != 1
    }
    assert not twice, f"timelines not showing exactly one release: {twice}"


def releases_in(timeline: list[dict[str, Any]]) -> int:
    """How many entries moved the declaration to released."""
    return sum(
        entry["status"] == "released"
        and entry["previous_status"] != "released"
        and not entry["refused"]
        for entry in timeline
    )


def assert_unique_customs_numbers(lodging: Lodging) -> None:
    numbers = Counter(view["customs_number"] for view in lodging.accepted.values())
    assert all(count == 1 for count in numbers.values()), numbers.most_common(3)


def print_story(
    lodging: Lodging, plan: list[Disruption], lodged_in: float, released_in: float
) -> None:
    print(f"\n{len(lodging.accepted)} declarations accepted in {lodged_in:.1f}s")
    print(f"failed attempts, retried: {dict(lodging.failures)}; replays: {lodging.replays}")
    for d in plan:
        print(f"  {d.began:5.1f}s - {d.ended:5.1f}s  {d.what}")
    print(f"all released {released_in:.1f}s after lodging began")
