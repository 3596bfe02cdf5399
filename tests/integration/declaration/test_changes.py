"""Amendments and cancellations before release; a clear refusal after."""

from typing import Any

import httpx

from clearway_contracts.events.declaration import (
    DeclarationAmended,
    DeclarationCancelled,
    DeclarationStatusChanged,
)
from tests.integration.declaration.test_tracking import lodge, released, until
from tests.support.events import AsOwners, EventProbe, of_type


def amendment(created: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The declaration as read, changed: dangerous goods flags are customs', not declared."""
    fields = ("declarant", "exporter", "consignee", "destination_country", "transport", "totals")
    body = {name: created[name] for name in fields}
    body["items"] = [
        {name: value for name, value in item.items() if name != "dangerous_goods"}
        for item in created["items"]
    ]
    return {**body, **changes, "reason": "corrected the consignee"}


async def test_an_amendment_that_risk_looked_at_sends_it_through_risk_again(
    api: httpx.AsyncClient, published: EventProbe
) -> None:
    declaration_id, created = await lodge(api)
    consignee = {"name": "Tashkent Auto Trade LLC", "country": "UZ", "code": None}
    response = await api.post(
        f"/v1/declarations/{declaration_id}/amendments",
        json=amendment(created, consignee=consignee, destination_country="UZ"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["revision"] == 2
    assert response.json()["destination_country"] == "UZ"

    events = await published.wait_for(
        lambda seen: bool(of_type(seen, DeclarationAmended.event_type))
    )
    amended = DeclarationAmended.model_validate(
        of_type(events, DeclarationAmended.event_type)[0].data
    )
    assert amended.risk_relevant and amended.revision == 2


async def test_after_release_amendment_and_cancellation_are_refused(
    api: httpx.AsyncClient, upstream: AsOwners
) -> None:
    declaration_id, created = await lodge(api)
    await upstream.send(released(declaration_id))
    await until(api, declaration_id, lambda d: d["status"] == "released")

    amend = await api.post(f"/v1/declarations/{declaration_id}/amendments", json=amendment(created))
    cancel = await api.post(
        f"/v1/declarations/{declaration_id}/cancellation", json={"reason": "changed my mind"}
    )
    for response in (amend, cancel):
        assert response.status_code == 409
        assert response.headers["content-type"] == "application/problem+json"
        assert "released" in response.json()["detail"]


async def test_a_cancellation_is_final_and_published(
    api: httpx.AsyncClient, published: EventProbe
) -> None:
    declaration_id, _ = await lodge(api)
    path = f"/v1/declarations/{declaration_id}/cancellation"
    response = await api.post(path, json={"reason": "buyer withdrew"})
    assert response.json()["status"] == "cancelled"
    assert response.json()["timeline"][-1]["detail"] == "buyer withdrew"
    assert (await api.post(path, json={"reason": "again"})).status_code == 409
    await published.wait_for(lambda seen: bool(of_type(seen, DeclarationCancelled.event_type)))


async def test_lists_filter_and_page_with_a_cursor(api: httpx.AsyncClient) -> None:
    ids = [str((await lodge(api))[0]) for _ in range(3)]
    direct_id, direct = await lodge(api, mode="direct_transfer")

    first = (await api.get("/v1/declarations", params={"limit": 2})).json()
    second = (
        await api.get("/v1/declarations", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    paged = [item["id"] for item in first["items"] + second["items"]]
    assert paged == [str(direct_id), *reversed(ids)]

    by_mode = await api.get("/v1/declarations", params={"mode": "direct_transfer"})
    assert [item["id"] for item in by_mode.json()["items"]] == [str(direct_id)]
    by_office = await api.get("/v1/declarations", params={"office": "8601"})
    assert [item["id"] for item in by_office.json()["items"]] == [str(direct_id)]
    vin = direct["items"][0]["vehicle"]["vin"]
    by_vin = await api.get("/v1/declarations", params={"vin": vin})
    assert [item["id"] for item in by_vin.json()["items"]] == [str(direct_id)]

    bad = await api.get("/v1/declarations", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "cursor"


async def test_a_release_of_a_revision_amended_since_is_refused_and_the_case_stays_open(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    """The amendment was recorded first: the release was for what is no longer declared."""
    declaration_id, created = await lodge(api)
    consignee = {"name": "Tashkent Auto Trade LLC", "country": "UZ", "code": None}
    amended = await api.post(
        f"/v1/declarations/{declaration_id}/amendments",
        json=amendment(created, consignee=consignee),
    )
    assert amended.json()["revision"] == 2
    await upstream.send(released(declaration_id))  # revision 1's release, arriving late

    found = await until(api, declaration_id, lambda d: d["timeline"][-1]["kind"] == "released")
    assert found["status"] == "accepted"
    assert found["timeline"][-1]["refused"]
    assert found["timeline"][-1]["detail"] == "about revision 1; the declaration is at revision 2"
    assert found["progress"]["release"] is None
    # Still open: the declarant may amend or cancel it.
    cancel = await api.post(
        f"/v1/declarations/{declaration_id}/cancellation", json={"reason": "buyer withdrew"}
    )
    assert cancel.status_code == 200


async def test_a_release_after_a_cancellation_is_refused(
    api: httpx.AsyncClient, upstream: AsOwners
) -> None:
    declaration_id, _ = await lodge(api)
    await api.post(f"/v1/declarations/{declaration_id}/cancellation", json={"reason": "withdrawn"})
    await upstream.send(released(declaration_id))
    found = await until(api, declaration_id, lambda d: d["timeline"][-1]["kind"] == "released")
    assert found["status"] == "cancelled"
    assert found["timeline"][-1]["refused"]


async def test_every_change_of_status_is_published_for_its_revision(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    """What puts a release in force at the release service, and closes inspection work."""
    declaration_id, _ = await lodge(api)
    await upstream.send(released(declaration_id))
    await until(api, declaration_id, lambda d: d["status"] == "released")
    changed_type = DeclarationStatusChanged.event_type
    events = await published.wait_for(lambda seen: bool(of_type(seen, changed_type)))
    changes = [
        DeclarationStatusChanged.model_validate(event.data)
        for event in of_type(events, changed_type)
        if event.subject == str(declaration_id)
    ]
    assert [(c.previous_status, c.status, c.revision) for c in changes] == [
        ("accepted", "released", 1)
    ]
