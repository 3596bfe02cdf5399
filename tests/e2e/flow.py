"""Steps every end-to-end story takes, through the gateway only."""

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx

from tests.support.samples import bodies


async def lodge(forwarder: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await forwarder.post("/v1/declarations", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


RELEASES = ("released", "released_for_transit")


async def wait_for_status(
    client: httpx.AsyncClient, declaration_id: str, status: str, *, within: float = 30
) -> dict[str, Any]:
    """Poll the declaration until it reaches ``status``; fail with what it reached instead.

    A release counts once it is in force at the release service too (it heard that the
    declaration recorded it): only then may the goods arrive at exit or leave.
    """
    seen: dict[str, Any] = {}
    try:
        async with asyncio.timeout(within):
            while True:
                response = await client.get(f"/v1/declarations/{declaration_id}")
                assert response.status_code == 200, response.text
                seen = response.json()
                if seen["status"] == status and (
                    status not in RELEASES or await _in_force(client, declaration_id)
                ):
                    return seen
                await asyncio.sleep(0.2)
    except TimeoutError:
        timeline = [entry for entry in seen.get("timeline", [])]
        raise AssertionError(
            f"declaration {declaration_id} is {seen.get('status')}, never {status}; "
            f"timeline: {timeline}"
        ) from None


async def _in_force(client: httpx.AsyncClient, declaration_id: str) -> bool:
    release = await client.get(f"/v1/releases/{declaration_id}")
    decision = release.json().get("decision") if release.status_code == 200 else None
    return bool(decision and decision["in_force"])


async def first_free_slot(forwarder: httpx.AsyncClient, site_id: str) -> str:
    today = datetime.now(UTC).date().isoformat()
    response = await forwarder.get(
        f"/v1/sites/{site_id}/availability", params={"from": today, "days": 2}
    )
    assert response.status_code == 200, response.text
    now = datetime.now(UTC)
    for slot in response.json()["slots"]:
        if slot["bookable"] and datetime.fromisoformat(slot["start"]) > now:
            return str(slot["start"])
    raise AssertionError(f"no bookable slot at {site_id}")


async def inspect(
    inspector: httpx.AsyncClient, declaration_id: str, vins: list[str], outcome: dict[str, Any]
) -> None:
    """Find the vehicle in the site's queue, claim it, record each VIN, give the outcome."""
    queue = await inspector.get("/v1/tablet/queue")
    assert queue.status_code == 200, queue.text
    [inspection] = [i for i in queue.json()["items"] if i["declaration_id"] == declaration_id]
    claimed = await inspector.post(f"/v1/tablet/inspections/{inspection['id']}/claim")
    assert claimed.status_code == 200, claimed.text
    for vin in vins:
        finding = await inspector.put(
            f"/v1/tablet/inspections/{inspection['id']}/findings/{vin}",
            json={
                "vin_seen": vin,
                "odometer_km": 42_000,
                "condition": "good",
                "photos": [f"photo://{vin}/front"],
                "remarks": "as declared",
            },
        )
        assert finding.status_code == 200, finding.text
    detail = await inspector.get(f"/v1/tablet/inspections/{inspection['id']}")
    done = await inspector.post(
        f"/v1/tablet/inspections/{inspection['id']}/outcome",
        json={"revision": detail.json()["revision"], **outcome},
    )
    assert done.status_code == 200, done.text


async def inspected_red_at_horgos(
    forwarder: httpx.AsyncClient, inspector: httpx.AsyncClient, body: dict[str, Any]
) -> dict[str, Any]:
    """Lodge ``body`` (a red-lane declaration), book a slot at HRG-1, check the vehicle in and
    pass its inspection; returns the lodged declaration."""
    lodged = await lodge(forwarder, body)
    await wait_for_status(forwarder, lodged["id"], "under_control")
    slot = await first_free_slot(forwarder, "HRG-1")
    booked = await forwarder.post(
        f"/v1/declarations/{lodged['id']}/appointments",
        json={"site_id": "HRG-1", "slot_start": slot},
    )
    assert booked.status_code == 201, booked.text
    arrived = await inspector.post(
        "/v1/sites/HRG-1/arrivals", json={"reference": lodged["customs_number"]}
    )
    assert arrived.status_code in (200, 201), arrived.text
    await inspect(inspector, lodged["id"], bodies.vins(body), {"outcome": "passed"})
    return lodged
