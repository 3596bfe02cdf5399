"""Who may call: API keys (revocable at once, rotatable, rate limited) and JWT tokens."""

import pytest

from clearway_contracts.identity import Caller, Role
from clearway_gateway.auth import service
from tests.integration.gateway.conftest import Gateway
from tests.support.identity import identity_sent

pytestmark = pytest.mark.integration


async def test_no_credentials_is_401_problem(gateway: Gateway) -> None:
    response = await gateway.client.get("/v1/offices")
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"


async def test_a_revoked_key_stops_working_at_once(gateway: Gateway) -> None:
    issued = await service.create_key(uow=gateway.uow, declarant="5001987654", label="erp")
    key = {"X-API-Key": issued.secret}
    assert (await gateway.client.get("/v1/offices", headers=key)).status_code == 200
    await service.revoke_key(uow=gateway.uow, key_id=issued.key_id)
    response = await gateway.client.get("/v1/offices", headers=key)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


async def test_rotation_replaces_the_key(gateway: Gateway) -> None:
    old = await service.create_key(uow=gateway.uow, declarant="5001987654", label="erp")
    new = await service.rotate_key(uow=gateway.uow, key_id=old.key_id)
    assert (
        await gateway.client.get("/v1/offices", headers={"X-API-Key": old.secret})
    ).status_code == 401
    assert (
        await gateway.client.get("/v1/offices", headers={"X-API-Key": new.secret})
    ).status_code == 200
    keys = await service.list_keys(uow=gateway.uow, declarant="5001987654")
    assert {(k.key_id, k.active) for k in keys} == {(old.key_id, False), (new.key_id, True)}


async def test_a_declarant_may_hold_several_keys(gateway: Gateway) -> None:
    first = await service.create_key(uow=gateway.uow, declarant="5001987654", label="erp-a")
    second = await service.create_key(uow=gateway.uow, declarant="5001987654", label="erp-b")
    for issued in (first, second):
        response = await gateway.client.get("/v1/offices", headers={"X-API-Key": issued.secret})
        assert response.status_code == 200


async def test_a_spent_rate_limit_answers_429_with_retry_after(gateway: Gateway) -> None:
    statuses = [
        (await gateway.client.get("/v1/offices/8021", headers=gateway.demo_key)).status_code
        for _ in range(gateway.settings.rate_limit_burst + 5)
    ]
    assert statuses.count(429) >= 1
    limited = await gateway.client.get("/v1/offices/8021", headers=gateway.demo_key)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1


async def test_a_tampered_token_is_401(gateway: Gateway) -> None:
    token = gateway.tokens["admin"]
    response = await gateway.client.get(
        "/v1/offices", headers={"Authorization": f"Bearer {token[:-4]}AAAA"}
    )
    assert response.status_code == 401
    assert "signature" in response.json()["detail"]


async def test_an_inspector_is_forwarded_with_its_office_and_site(gateway: Gateway) -> None:
    response = await gateway.client.get(
        "/v1/tablet/queue",
        headers=gateway.bearer("inspector-hrg") | {"X-Clearway-Site": "AKS-1"},
    )
    assert response.status_code == 200
    [sent] = gateway.stub.seen
    assert identity_sent(sent.headers, "inspection") == Caller(
        Role.INSPECTOR, actor="inspector-hrg", office="8021", site="HRG-1"
    )  # the token's site, never the client's
    assert "x-clearway-site" not in sent.headers


async def test_only_an_admin_changes_an_office_and_each_change_is_a_version(
    gateway: Gateway,
) -> None:
    office = (await gateway.client.get("/v1/offices/8031", headers=gateway.demo_key)).json()
    change = {k: office[k] for k in ("name", "kind", "carriages", "calendar")} | {
        "calendar": {"time_zone": "Asia/Urumqi", "hours": "24h"}
    }
    refused = await gateway.client.put(
        "/v1/offices/8031", json=change, headers=gateway.bearer("officer-hrg")
    )
    assert refused.status_code == 403
    changed = await gateway.client.put(
        "/v1/offices/8031", json=change, headers=gateway.bearer("admin")
    )
    assert changed.status_code == 200
    assert (changed.json()["version"], changed.json()["open_now"]) == (2, True)
    versions = await gateway.client.get(
        "/v1/offices/8031/versions", headers=gateway.bearer("admin")
    )
    assert [v["version"] for v in versions.json()["items"]] == [1, 2]


async def test_a_bad_office_names_the_field_and_changes_nothing(gateway: Gateway) -> None:
    bad = {
        "name": "X",
        "kind": "port",
        "carriages": ["road"],
        "calendar": {"time_zone": "Asia/Nowhere", "hours": "24h"},
    }
    response = await gateway.client.put(
        "/v1/offices/8031", json=bad, headers=gateway.bearer("admin")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "calendar.time_zone"
    versions = await gateway.client.get(
        "/v1/offices/8031/versions", headers=gateway.bearer("admin")
    )
    assert len(versions.json()["items"]) == 1
