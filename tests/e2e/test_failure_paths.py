"""What happens when things go wrong: failed inspection, cancellation, overdue, broken seal."""

import asyncio
from collections.abc import Callable
from datetime import timedelta

from tests.e2e.conftest import System
from tests.e2e.flow import inspect, lodge, wait_for_status
from tests.e2e.test_metrics import scrape, value
from tests.support.samples import bodies


async def test_a_failed_inspection_means_not_released(system: System) -> None:
    forwarder, inspector = system.forwarder(), system.official("inspector-hrg")
    body = bodies.local_car(used=True)
    lodged = await lodge(forwarder, body)
    await wait_for_status(forwarder, lodged["id"], "under_control")

    # Horgos clears 24 hours a day: the car is inspected upon arrival, without a booking.
    vin = bodies.vins(body)[0]
    arrived = await inspector.post("/v1/sites/HRG-1/arrivals", json={"reference": vin})
    assert arrived.status_code in (200, 201), arrived.text
    await inspect(
        inspector,
        lodged["id"],
        [vin],
        {
            "outcome": "failed",
            "reasons": [{"code": "VIN-MISMATCH", "text": "VIN plate differs from the frame"}],
        },
    )
    refused = await wait_for_status(forwarder, lodged["id"], "not_released")
    assert "VIN-MISMATCH" in str(refused)


async def test_a_cancelled_declaration_is_never_released(system: System) -> None:
    forwarder, officer = system.forwarder(), system.official("officer-hrg")
    lodged = await lodge(forwarder, bodies.local_car(used=True))
    await wait_for_status(forwarder, lodged["id"], "under_control")

    cancelled = await forwarder.post(
        f"/v1/declarations/{lodged['id']}/cancellation", json={"reason": "buyer withdrew"}
    )
    assert cancelled.status_code == 200, cancelled.text
    await wait_for_status(forwarder, lodged["id"], "cancelled")
    await asyncio.sleep(2)  # give any (wrong) release time to show up
    release = await officer.get(f"/v1/releases/{lodged['id']}")
    assert release.status_code in (200, 404), release.text
    if release.status_code == 200:
        assert release.json()["decision"] is None
    assert (await forwarder.get(f"/v1/declarations/{lodged['id']}")).json()["status"] == (
        "cancelled"
    )


async def test_a_transit_past_its_time_limit_is_reported_overdue_once(system: System) -> None:
    forwarder, officer = system.forwarder("5001987654"), system.official("officer-hrg")
    lodged = await lodge(forwarder, bodies.car_carrier_train(cars=2))
    await wait_for_status(forwarder, lodged["id"], "released_for_transit")

    system.release_clock.advance(timedelta(hours=97))  # the time limit is 96 hours
    overdue = await wait_for_status(forwarder, lodged["id"], "transit_overdue")
    overdue_entries = [e for e in overdue["timeline"] if e.get("status") == "transit_overdue"]
    assert len(overdue_entries) == 1
    listed = await officer.get("/v1/transits", params={"overdue": "true"})
    assert lodged["id"] in {t["declaration_id"] for t in listed.json()["items"]}
    # The gauge counts, in the database, every transit late and still on the road (the
    # clock moved for the whole system, so earlier tests' transits may be late too).
    late = await overdue_gauge(system, lambda count: count >= 1)

    arrival = await officer.post(
        f"/v1/transits/{lodged['id']}/arrival", json={"revision": 1, "seals_intact": True}
    )
    assert arrival.status_code == 200, arrival.text
    await wait_for_status(forwarder, lodged["id"], "arrived_at_exit")
    await overdue_gauge(system, lambda count: count == late - 1)


async def overdue_gauge(system: System, expected: Callable[[float], bool]) -> float:
    """``clearway_transits_overdue`` once it is as expected (the watch sets it every 0.2 s)."""
    for _ in range(100):
        count = value(await scrape(system), "clearway_transits_overdue")
        if expected(count):
            return count
        await asyncio.sleep(0.1)
    raise AssertionError(f"clearway_transits_overdue stayed at {count}")


async def test_a_broken_seal_holds_the_goods_until_an_officer_decides(system: System) -> None:
    forwarder, officer = system.forwarder("5001987654"), system.official("officer-hrg")
    lodged = await lodge(forwarder, bodies.car_carrier_train(cars=2))
    await wait_for_status(forwarder, lodged["id"], "released_for_transit")

    arrival = await officer.post(
        f"/v1/transits/{lodged['id']}/arrival",
        json={
            "revision": 1,
            "seals_intact": False,
            "remarks": "seal CN8601-000124 cut, wagon 3 door open",
        },
    )
    assert arrival.status_code == 200, arrival.text
    await wait_for_status(forwarder, lodged["id"], "held")
    refused_exit = await officer.post(f"/v1/releases/{lodged['id']}/exits", json={"revision": 1})
    assert refused_exit.status_code == 409, refused_exit.text

    decided = await officer.post(
        f"/v1/transits/{lodged['id']}/hold",
        json={"revision": 1, "decision": "refuse", "remarks": "goods missing from wagon 3"},
    )
    assert decided.status_code == 200, decided.text
    await wait_for_status(forwarder, lodged["id"], "not_released")
