"""Lodging a declaration: validated, numbered, stored once, published."""

import asyncio
import re
from datetime import UTC, datetime

import httpx

from clearway_contracts.events.declaration import DeclarationAccepted
from tests.integration.declaration.conftest import OFFICER, OTHER_FORWARDER
from tests.support.events import EventProbe, of_type
from tests.support.samples.bodies import OTHER_DECLARANT, declaration, fresh_vin

PROBLEM = "application/problem+json"


async def test_an_accepted_declaration_gets_its_number_and_is_published(
    api: httpx.AsyncClient, published: EventProbe
) -> None:
    response = await api.post("/v1/declarations", json=declaration())
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "accepted"
    assert re.fullmatch(rf"8021{datetime.now(UTC).year}0\d{{9}}", created["customs_number"])
    assert created["items"][0]["dangerous_goods"] is True  # a BEV
    assert response.headers["Location"] == f"/v1/declarations/{created['id']}"

    events = await published.wait_for(
        lambda seen: bool(of_type(seen, DeclarationAccepted.event_type))
    )
    accepted = DeclarationAccepted.model_validate(events[0].data)
    assert str(accepted.declaration_id) == created["id"]
    assert accepted.customs_number == created["customs_number"]
    assert accepted.routing.exit_office == "8021"
    assert accepted.items[0].vehicle is not None


async def test_three_hundred_vehicles_are_accepted_in_one_request(api: httpx.AsyncClient) -> None:
    body = declaration(vins=[fresh_vin() for _ in range(300)], mode="direct_transfer")
    response = await api.post("/v1/declarations", json=body)
    assert response.status_code == 201, response.text
    assert len(response.json()["items"]) == 300
    # How fast: `python -m bench.declaration` (a benchmark, never a timed test).


async def test_bad_input_is_a_problem_naming_the_field_and_stores_nothing(
    api: httpx.AsyncClient,
) -> None:
    body = declaration(vins=["1HGCM82643A004352"])
    body["consignee"]["country"] = "ZZ"
    response = await api.post("/v1/declarations", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"items[0].vehicle.vin", "consignee.country"}

    malformed = await api.post("/v1/declarations", json={**declaration(), "items": "none"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "items"
    assert (await api.get("/v1/declarations")).json()["items"] == []


async def test_a_forwarder_declares_only_as_its_own_declarant(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/declarations", json=declaration(declarant=OTHER_DECLARANT))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "declarant.customs_code"


async def test_a_vin_on_another_tenants_live_declaration_is_refused_without_saying_whose(
    api: httpx.AsyncClient,
) -> None:
    vin = fresh_vin()
    first = (await api.post("/v1/declarations", json=declaration(vins=[vin]))).json()

    theirs = declaration(vins=[vin], declarant=OTHER_DECLARANT)
    refused = await api.post("/v1/declarations", json=theirs, auth=OTHER_FORWARDER)
    assert refused.status_code == 409
    assert refused.json()["errors"] == [
        {"field": "items[0].vehicle.vin", "reason": "is on another live declaration"}
    ]
    assert first["id"] not in refused.text and first["customs_number"] not in refused.text

    await api.post(f"/v1/declarations/{first['id']}/cancellation", json={"reason": "sold"})
    again = await api.post("/v1/declarations", json=theirs, auth=OTHER_FORWARDER)
    assert again.status_code == 201


async def test_concurrent_retries_with_one_idempotency_key_store_one_declaration(
    api: httpx.AsyncClient,
) -> None:
    body = declaration()
    headers = {"Idempotency-Key": "erp-order-4711"}
    responses = await asyncio.gather(
        *(api.post("/v1/declarations", json=body, headers=headers) for _ in range(8))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == 7
    assert len((await api.get("/v1/declarations")).json()["items"]) == 1

    changed = await api.post("/v1/declarations", json=declaration(), headers=headers)
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_forwarders_see_only_their_own_and_officers_see_all(api: httpx.AsyncClient) -> None:
    created = (await api.post("/v1/declarations", json=declaration())).json()
    path = f"/v1/declarations/{created['id']}"
    assert (await api.get(path, auth=OTHER_FORWARDER)).status_code == 404
    assert (await api.get(path, auth=OFFICER)).json()["id"] == created["id"]
    mine = await api.get("/v1/declarations", auth=OTHER_FORWARDER)
    assert mine.json()["items"] == []
