"""What a forwarder's ERP relies on, through the gateway: a consignment's statuses in one
paged call, lists paged alike, filters it may not use refused, used-car data carried."""

from datetime import datetime
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import httpx

from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.samples import bodies


def on(means_id: str, *, used: bool = False) -> dict[str, Any]:
    body = bodies.local_car(used=used)
    body["transport"] = {"mode": "road_car_carrier", "means_id": means_id}
    return body


async def every_page(client: httpx.AsyncClient, path: str, **params: Any) -> list[list[Any]]:
    pages, cursor = [], None
    while True:
        response = await client.get(
            path, params={**params, **({"cursor": cursor} if cursor else {})}
        )
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


async def test_a_forwarder_follows_a_whole_convoy_in_one_paged_call(system: System) -> None:
    convoy, other = f"新F·{uuid4().hex[:6]}", f"新F·{uuid4().hex[:6]}"
    manifest = f"SRAE-HRG-{uuid4().hex[:8]}"
    forwarder = system.forwarder()
    lodged = [
        await lodge(forwarder, on(convoy) | {"consignment_reference": manifest}) for _ in range(3)
    ]
    await lodge(forwarder, on(other))

    pages = await every_page(forwarder, "/v1/declarations", means_id=convoy, limit=2)

    assert [len(page) for page in pages] == [2, 1]
    rows = [row for page in pages for row in page]
    assert {row["customs_number"] for row in rows} == {d["customs_number"] for d in lodged}
    assert {row["means_id"] for row in rows} == {convoy}
    assert all(row["status"] for row in rows)
    by_reference = await every_page(forwarder, "/v1/declarations", consignment_reference=manifest)
    assert {row["id"] for page in by_reference for row in page} == {d["id"] for d in lodged}
    assert {row["consignment_reference"] for page in by_reference for row in page} == {manifest}
    foreign = await system.forwarder(bodies.OTHER_DECLARANT).get(
        "/v1/declarations", params={"means_id": convoy}
    )
    assert foreign.json()["items"] == []


async def test_a_forwarder_may_not_filter_by_declarant(system: System) -> None:
    response = await system.forwarder().get(
        "/v1/declarations", params={"declarant": bodies.OTHER_DECLARANT}
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "declarant"
    officer = system.official("officer-hrg")
    allowed = await officer.get("/v1/declarations", params={"declarant": bodies.OTHER_DECLARANT})
    assert allowed.status_code == 200


async def test_an_unknown_query_parameter_is_refused_not_ignored(system: System) -> None:
    response = await system.forwarder().get("/v1/declarations", params={"stauts": "released"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "stauts"


async def test_every_list_is_paged_alike(system: System) -> None:
    officer = system.official("officer-hrg")
    offices = await every_page(officer, "/v1/offices", limit=2)
    codes = [office["code"] for page in offices for office in page]
    assert len(offices) > 1 and codes == sorted(set(codes))
    sites = await every_page(officer, "/v1/sites", limit=1)
    assert len(sites) > 1 and all(len(page) <= 1 for page in sites)
    site = sites[0][0]
    assert site["hours"] is None or set(site["hours"]) == {"days", "opens", "closes"}
    for path in ("/v1/document-checks", "/v1/transits"):
        assert (await every_page(officer, path, limit=5))[-1] is not None
    queue = await every_page(system.official("inspector-hrg"), "/v1/tablet/queue", limit=3)
    assert all(len(page) <= 3 for page in queue)


async def test_a_used_car_carries_its_first_registration_and_odometer(system: System) -> None:
    body = on(f"新F·{uuid4().hex[:6]}", used=True)
    body["items"][0]["vehicle"] |= {"first_registration": "2021-05-17", "odometer_km": 48210}
    forwarder = system.forwarder()
    lodged = await lodge(forwarder, body)
    read = (await forwarder.get(f"/v1/declarations/{lodged['id']}")).json()
    vehicle = read["items"][0]["vehicle"]
    assert (vehicle["first_registration"], vehicle["odometer_km"]) == ("2021-05-17", 48210)

    body = on(f"新F·{uuid4().hex[:6]}", used=True)
    body["items"][0]["vehicle"]["odometer_km"] = -5
    refused = await forwarder.post("/v1/declarations", json=body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "items[0].vehicle.odometer_km"


async def test_a_timeline_reads_in_time_order(system: System) -> None:
    forwarder = system.forwarder()
    lodged = await lodge(forwarder, on(f"新F·{uuid4().hex[:6]}"))
    released = await wait_for_status(forwarder, lodged["id"], "released")
    timeline = released["timeline"]
    assert [entry["kind"] for entry in timeline] == ["accepted", "lane_assigned", "released"]
    times = [datetime.fromisoformat(entry["at"]) for entry in timeline]
    assert times == sorted(times)


async def test_a_closed_office_holds_back_only_what_needs_an_officer(system: System) -> None:
    """Lodged while the declaring office is closed: the answer says it waits for the opening,
    yet a green lane needs no officer, so the car is released at once (ADR 0025)."""
    admin, forwarder = system.official("admin"), system.forwarder()
    today = datetime.now(ZoneInfo("Asia/Urumqi")).weekday()
    week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def alashankou(days: list[str]) -> dict[str, Any]:
        hours = {"days": days, "opens": "09:00", "closes": "18:00"}
        return {
            "name": "Alashankou Port Customs",
            "kind": "port",
            "carriages": ["rail", "road"],
            "calendar": {"time_zone": "Asia/Urumqi", "hours": hours},
        }

    closed = alashankou([day for i, day in enumerate(week) if i != today])
    changed = await admin.put("/v1/offices/8031", json=closed)
    assert changed.status_code == 200 and changed.json()["open_now"] is False
    try:
        body = bodies.public_declaration(mode="local", declaring_office="8031")
        lodged = await lodge(forwarder, body)
        hours = lodged["declaring_office_hours"]
        assert (hours["open_now"], hours["waiting_for_opening"]) == (False, True)
        assert hours["next_opening"] is not None
        await wait_for_status(forwarder, lodged["id"], "released")
    finally:
        assert (await admin.put("/v1/offices/8031", json=alashankou(week))).status_code == 200
