"""Lodging a declaration through the gateway: routing, identity, office hours."""

import copy
from typing import Any

import pytest

from clearway_contracts.identity import Role
from clearway_gateway.declarations.schemas import LODGE_EXAMPLE
from tests.integration.gateway.conftest import Gateway
from tests.support.identity import identity_sent

pytestmark = pytest.mark.integration


def declaration(**changes: Any) -> dict[str, Any]:
    return copy.deepcopy(LODGE_EXAMPLE) | changes


async def test_lodging_adds_the_routing_plan_and_the_callers_identity(gateway: Gateway) -> None:
    response = await gateway.client.post(
        "/v1/declarations",
        json=declaration(),
        headers=gateway.demo_key
        | {"X-Request-ID": "3f0e4c2a9b8d4e6f8a1b2c3d4e5f6a7b", "X-Clearway-Tenant": "5001987654"},
    )
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "/v1/declarations/0c6f"
    assert response.headers["X-Request-ID"] == "3f0e4c2a9b8d4e6f8a1b2c3d4e5f6a7b"
    assert response.json()["declaring_office_hours"] == {
        "office": "8021",
        "open_now": True,
        "next_opening": None,
        "waiting_for_opening": False,
    }
    [sent] = gateway.stub.seen
    assert sent.body["routing"] == {
        "mode": "local",
        "declaring_office": "8021",
        "inspection_office": "8021",
        "release_office": "8021",
        "exit_office": "8021",
        "departure_office": None,
    }
    assert "dangerous_goods" not in sent.body["items"][0]  # only what the client sent
    sent_as = identity_sent(sent.headers, "declaration")
    assert (sent_as.role, sent_as.tenant, sent_as.aeo_level) == (
        Role.FORWARDER,
        "6501234567",  # the key's, not the client's claim
        "advanced_certified",
    )
    assert "x-clearway-tenant" not in sent.headers
    assert sent.headers["x-request-id"] == "3f0e4c2a9b8d4e6f8a1b2c3d4e5f6a7b"


async def test_a_closed_declaring_office_accepts_and_says_when_it_opens(gateway: Gateway) -> None:
    closed_at_night = {  # Alashankou: 09:00-18:00 in Urumqi; open 0 minutes a day here
        "name": "Night-closed test office",
        "kind": "port",
        "carriages": ["road"],
        "calendar": {
            "time_zone": "Asia/Urumqi",
            "hours": {"days": ["mon"], "opens": "00:00", "closes": "00:01"},
        },
    }
    put = await gateway.client.put(
        "/v1/offices/8099", json=closed_at_night, headers=gateway.bearer("admin")
    )
    assert put.status_code == 200, put.text
    response = await gateway.client.post(
        "/v1/declarations", json=declaration(declaring_office="8099"), headers=gateway.demo_key
    )
    hours = response.json()["declaring_office_hours"]
    if hours["open_now"]:  # we hit the one open minute of the week
        return
    assert hours["waiting_for_opening"] is True
    assert hours["next_opening"].endswith("+00:00")


async def test_an_impossible_route_is_refused_naming_fields_and_nothing_is_sent(
    gateway: Gateway,
) -> None:
    response = await gateway.client.post(
        "/v1/declarations",
        json=declaration(mode="direct_transfer", declaring_office="8601", exit_office="8021"),
        headers=gateway.demo_key,
    )
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"departure_office", "transit"} <= fields
    assert gateway.stub.seen == []


async def test_a_forwarder_declares_only_as_its_own_declarant(gateway: Gateway) -> None:
    other = declaration(
        declarant={
            "customs_code": "5001987654",
            "name": "Chongqing Rail Motors Trading",
            "aeo_level": "registered",
        }
    )
    response = await gateway.client.post("/v1/declarations", json=other, headers=gateway.demo_key)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "declarant.customs_code"
    assert gateway.stub.seen == []


async def test_a_malformed_body_names_the_field(gateway: Gateway) -> None:
    response = await gateway.client.post(
        "/v1/declarations", json=declaration(mode="teleport"), headers=gateway.demo_key
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["mode"]
