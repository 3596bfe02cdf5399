"""Issue #9, cases 1, 5 and 6, tried again as the attacker and the careless ERP did: nothing
leaves without the control its current revision requires."""

import asyncio
from typing import Any

import httpx

from tests.e2e.conftest import System
from tests.e2e.flow import first_free_slot, lodge, wait_for_status
from tests.support.samples import bodies


def used(body: dict[str, Any]) -> dict[str, Any]:
    """The same declaration, its car now declared used, with the papers a used car needs."""
    amended = {k: v for k, v in body.items() if k not in ("mode", "declaring_office")}
    for line, item in enumerate(amended["items"], start=1):
        item["vehicle"] |= {
            "condition": "used",
            "deregistration_certificate": f"DR-6501-{line:06d}",
            "export_licence": f"EL-2026-{line:06d}",
        }
    return amended | {"reason": "the car is second-hand after all"}


async def test_amending_right_after_lodging_never_lets_a_used_car_out_uninspected(
    system: System,
) -> None:
    """Case 1: a new petrol car (green), at once amended to a used one (red). Observed before:
    11 of 15 tries released revision 1 on its green lane and let the car exit."""
    forwarder, officer = system.forwarder(), system.official("officer-hrg")

    async def one_try() -> None:
        body = bodies.local_car()
        lodged = await lodge(forwarder, body)
        amended = await forwarder.post(
            f"/v1/declarations/{lodged['id']}/amendments", json=used(body)
        )
        if amended.status_code == 409:  # released before the amendment: then it is final
            assert "released" in amended.json()["detail"]
            return
        assert amended.status_code == 200, amended.text
        await wait_for_status(forwarder, lodged["id"], "under_control")
        await asyncio.sleep(1)  # time for any (wrong) release of revision 1 to land
        for revision in (1, 2):
            exit_attempt = await officer.post(
                f"/v1/releases/{lodged['id']}/exits", json={"revision": revision}
            )
            assert exit_attempt.status_code == 409, exit_attempt.text
        found = (await forwarder.get(f"/v1/declarations/{lodged['id']}")).json()
        assert found["status"] == "under_control"
        assert found["progress"]["lane"]["lane"] == "red"
        assert found["progress"]["lane"]["revision"] == 2

    await asyncio.gather(*(one_try() for _ in range(15)))


async def red_lane_at_horgos(system: System) -> tuple[dict[str, Any], str, httpx.AsyncClient]:
    """A used car in the red lane, checked in at Horgos (a 24-hour site: on arrival)."""
    forwarder, inspector = system.forwarder(), system.official("inspector-hrg")
    body = bodies.local_car(used=True)
    lodged = await lodge(forwarder, body)
    await wait_for_status(forwarder, lodged["id"], "under_control")
    arrived = await inspector.post(
        "/v1/sites/HRG-1/arrivals", json={"reference": lodged["customs_number"]}
    )
    assert arrived.status_code == 201, arrived.text
    return lodged, f"/v1/tablet/inspections/{arrived.json()['id']}", inspector


async def test_a_red_lane_inspection_does_not_pass_without_being_done(system: System) -> None:
    """Case 5: 'passed' with no claim and no findings; a VIN mismatch, then 'passed'."""
    lodged, base, inspector = await red_lane_at_horgos(system)
    vin = lodged["items"][0]["vehicle"]["vin"]
    passed = {"revision": 1, "outcome": "passed"}

    unclaimed = await inspector.post(f"{base}/outcome", json=passed)
    assert unclaimed.status_code == 409
    assert (await inspector.post(f"{base}/claim")).status_code == 200
    no_findings = await inspector.post(f"{base}/outcome", json=passed)
    assert no_findings.status_code == 409
    assert no_findings.json()["errors"] == [
        {"field": f"vehicles.{vin}", "reason": "no finding recorded"}
    ]
    mismatch = await inspector.put(f"{base}/findings/{vin}", json={"vin_seen": "LSVAU2180N9999999"})
    assert mismatch.json()["vin_matches"] is False
    still = await inspector.post(f"{base}/outcome", json=passed)
    assert still.status_code == 409
    assert "vin_mismatch" in still.json()["errors"][0]["reason"]

    await asyncio.sleep(1)
    found = (await system.forwarder().get(f"/v1/declarations/{lodged['id']}")).json()
    assert found["status"] == "under_control"


async def test_no_inspection_work_reopens_on_a_released_declaration(system: System) -> None:
    """Case 6: after release, a booking and a check-in opened a second inspection."""
    forwarder = system.forwarder()
    lodged, base, inspector = await red_lane_at_horgos(system)
    vin = lodged["items"][0]["vehicle"]["vin"]
    await inspector.post(f"{base}/claim")
    await inspector.put(f"{base}/findings/{vin}", json={"vin_seen": vin})
    done = await inspector.post(f"{base}/outcome", json={"revision": 1, "outcome": "passed"})
    assert done.status_code == 200, done.text
    await wait_for_status(forwarder, lodged["id"], "released")

    booking = await forwarder.post(
        f"/v1/declarations/{lodged['id']}/appointments",
        json={"site_id": "HRG-1", "slot_start": await first_free_slot(forwarder, "HRG-1")},
    )
    check_in = await inspector.post(
        "/v1/sites/HRG-1/arrivals", json={"reference": lodged["customs_number"]}
    )
    finding = await inspector.put(f"{base}/findings/{vin}", json={"vin_seen": vin})
    for refused in (booking, check_in, finding):
        assert refused.status_code == 409, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
    found = (await forwarder.get(f"/v1/declarations/{lodged['id']}")).json()
    assert [e["kind"] for e in found["timeline"]].count("inspection") == 1
