"""Direct transfer: released for transit, arrival and seal check at the exit port, holds,
exit per vehicle, and the overdue watch driven by an injected clock."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx

from clearway_contracts.events.common import DeclarationStatus
from clearway_contracts.events.release import (
    ExitConfirmed,
    HoldDecided,
    ReleasedForTransit,
    TransitArrived,
    TransitOverdue,
)
from clearway_platform.clock import FrozenClock
from clearway_release.settings import Settings
from tests.integration.release.conftest import ALASHANKOU_OFFICER, HORGOS_OFFICER, running
from tests.integration.release.test_exactly_once import until_in_force
from tests.support.events import AsOwners, EventProbe, of_type
from tests.support.samples.snapshots import (
    DIRECT_TRANSFER,
    VINS,
    accepted,
    lane,
    status_changed,
)


async def release_for_transit(
    upstream: AsOwners, published: EventProbe, api: httpx.AsyncClient
) -> UUID:
    """Released for transit, and the release in force: the declaration recorded it."""
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id, routing=DIRECT_TRANSFER), lane(declaration_id))
    await published.wait_for(
        lambda seen: any(
            e.subject == str(declaration_id) and e.type == ReleasedForTransit.event_type
            for e in seen
        )
    )
    await upstream.send(status_changed(declaration_id, DeclarationStatus.RELEASED_FOR_TRANSIT))
    await until_in_force(api, declaration_id)
    return declaration_id


async def arrive(api: httpx.AsyncClient, declaration_id: UUID, **body: Any) -> httpx.Response:
    return await api.post(f"/v1/transits/{declaration_id}/arrival", json={"revision": 1, **body})


async def test_a_transit_from_release_to_exit_vehicle_by_vehicle(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe, clock: FrozenClock
) -> None:
    declaration_id = await release_for_transit(upstream, published, api)
    [notice] = of_type(published.events, ReleasedForTransit.event_type)
    assert notice.data["office"] == "8601"
    assert notice.data["transit"] | {"deadline": None} == {
        "departure_office": "8601",
        "exit_office": "8021",
        "seals": ["CN8601-0001"],
        "carrier": "CRCT",
        "means_id": "X8017",
        "route": "Chongqing - Horgos",
        "deadline": None,
    }
    deadline = datetime.fromisoformat(notice.data["transit"]["deadline"])
    assert deadline == clock.now + timedelta(hours=72)

    elsewhere = await api.post(
        f"/v1/transits/{declaration_id}/arrival",
        json={"revision": 1, "seals_intact": True},
        auth=ALASHANKOU_OFFICER,
    )
    assert elsewhere.status_code == 404  # only the exit office sees it

    clock.advance(timedelta(hours=30))
    arrived = await arrive(api, declaration_id, seals_intact=True)
    assert arrived.status_code == 200
    assert arrived.json()["status"] == "arrived_at_exit"

    exits = f"/v1/releases/{declaration_id}/exits"
    first = (await api.post(exits, json={"revision": 1, "vins": [VINS[0].lower()]})).json()
    assert (first["complete"], first["remaining"]) == (False, [VINS[1]])
    again = await api.post(exits, json={"revision": 1, "vins": [VINS[0]]})
    assert again.status_code == 409
    rest = (await api.post(exits, json={"revision": 1})).json()
    assert (rest["status"], rest["exited_now"], rest["exited"]) == ("exited", [VINS[1]], VINS)

    events = await published.wait_for(
        lambda seen: len(of_type(seen, ExitConfirmed.event_type)) == 2
    )
    [arrival] = of_type(events, TransitArrived.event_type)
    assert (arrival.data["seals_intact"], arrival.data["held"]) == (True, False)
    assert [e.data["complete"] for e in of_type(events, ExitConfirmed.event_type)] == [False, True]


async def test_broken_seals_hold_the_goods_until_an_officer_decides(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = await release_for_transit(upstream, published, api)

    silent = await arrive(api, declaration_id, seals_intact=False)
    assert silent.status_code == 422
    assert silent.headers["content-type"] == "application/problem+json"
    assert silent.json()["errors"][0]["field"] == "remarks"
    still = (await api.get(f"/v1/releases/{declaration_id}")).json()
    assert (still["status"], still["transit"]["arrived_at"]) == ("released_for_transit", None)

    held = await arrive(api, declaration_id, seals_intact=False, remarks="seal CN8601-0001 cut")
    assert held.json()["status"] == "held"
    blocked = await api.post(f"/v1/releases/{declaration_id}/exits", json={"revision": 1})
    assert blocked.status_code == 409

    hold = f"/v1/transits/{declaration_id}/hold"
    unknown = await api.post(hold, json={"revision": 1, "decision": "maybe", "remarks": "x"})
    assert unknown.json()["errors"][0]["field"] == "decision"
    cleared = await api.post(
        hold, json={"revision": 1, "decision": "release", "remarks": "goods recounted"}
    )
    assert cleared.json()["status"] == "arrived_at_exit"

    events = await published.wait_for(lambda seen: bool(of_type(seen, HoldDecided.event_type)))
    [arrival] = of_type(events, TransitArrived.event_type)
    assert (arrival.data["held"], arrival.data["remarks"]) == (True, "seal CN8601-0001 cut")
    assert of_type(events, HoldDecided.event_type)[0].data["released"] is True


async def test_exit_names_the_vehicle_at_fault(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = await release_for_transit(upstream, published, api)
    await arrive(api, declaration_id, seals_intact=True)
    response = await api.post(
        f"/v1/releases/{declaration_id}/exits",
        json={"revision": 1, "vins": [VINS[0], "WVWZZZ1KZAW000001"]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "vins[1]"
    malformed = await api.post(
        f"/v1/releases/{declaration_id}/exits", json={"revision": 1, "vins": ["short"]}
    )
    assert malformed.json()["errors"][0]["field"] == "vins[0]"
    assert (await api.get(f"/v1/releases/{declaration_id}")).json()["exited_vehicles"] == []


async def test_each_late_transit_raises_one_overdue_event_across_replicas(
    settings: Settings, clock: FrozenClock, upstream: AsOwners, published: EventProbe
) -> None:
    async with (
        running(settings, clock, replicas=3) as url,
        httpx.AsyncClient(base_url=url, auth=HORGOS_OFFICER) as api,
    ):
        late = [await release_for_transit(upstream, published, api) for _ in range(3)]
        clock.advance(timedelta(hours=71))
        on_time = await release_for_transit(upstream, published, api)
        await published.drain(0.5)
        assert of_type(published.events, TransitOverdue.event_type) == []

        clock.advance(timedelta(hours=2))  # past the first three deadlines only
        await published.wait_for(lambda seen: len(of_type(seen, TransitOverdue.event_type)) >= 3)
        await published.drain(1.0)  # three watches ran many more rounds meanwhile
        overdue = of_type(published.events, TransitOverdue.event_type)
        assert sorted(e.subject for e in overdue) == sorted(map(str, late))

        listed = (await api.get("/v1/transits", params={"overdue": "true", "limit": 2})).json()
        rest = (
            await api.get(
                "/v1/transits", params={"overdue": "true", "cursor": listed["next_cursor"]}
            )
        ).json()
        # same deadline (the clock stood still): then by declaration id
        listed_ids = [t["declaration_id"] for t in listed["items"] + rest["items"]]
        assert listed_ids == sorted(map(str, late))
        assert rest["next_cursor"] is None
        on_road = (await api.get("/v1/transits", params={"overdue": "false"})).json()["items"]
        assert [t["declaration_id"] for t in on_road] == [str(on_time)]
        # each row names its declaration as the exit officer and the ERP know it
        assert all(t["customs_number"] for t in listed["items"] + rest["items"] + on_road)

        arrived = await arrive(api, late[0], seals_intact=True)  # late, but it came
        assert arrived.json()["status"] == "arrived_at_exit"
        assert arrived.json()["transit"]["overdue"] is True
        bad = await api.get("/v1/transits", params={"cursor": "nonsense"})
        assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "cursor")
