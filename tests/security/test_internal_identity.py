"""Only the gateway can speak for a caller: a service behind it believes a signed identity
for itself, never a header, another key's signature, an old token or one meant elsewhere."""

import time
from typing import Any
from uuid import uuid4

import httpx
import pytest

from clearway_contracts.identity import Caller, Role
from clearway_platform.signing_keys import new_key_pair
from clearway_platform.web.identity_token import IDENTITY_HEADER, IdentityMinter
from tests.e2e.conftest import System
from tests.e2e.flow import lodge
from tests.support.identity import GATEWAY_KEYS
from tests.support.samples import bodies

OFFICER = Caller(Role.OFFICER, actor="officer-hrg", office="8021")
# One request per service that an attacker would love to make.
ATTACKS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "declaration": ("GET", "/v1/declarations", None),
    "inspection": ("GET", "/v1/document-checks", None),
    "release": ("POST", f"/v1/releases/{uuid4()}/exits", {}),
}
SERVICES = list(ATTACKS)


async def attack(system: System, service: str, headers: dict[str, str]) -> httpx.Response:
    method, path, body = ATTACKS[service]
    async with httpx.AsyncClient(base_url=system.service_urls[service], timeout=10) as client:
        return await client.request(method, path, json=body, headers=headers)


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("service", SERVICES)
async def test_forged_identity_headers_are_refused(system: System, service: str) -> None:
    forged = {"X-Clearway-Role": "officer", "X-Clearway-Office": "8021", "X-Clearway-Actor": "x"}
    assert_refused(await attack(system, service, forged))


@pytest.mark.parametrize("service", SERVICES)
async def test_an_identity_signed_by_another_key_is_refused(system: System, service: str) -> None:
    forger = IdentityMinter(new_key_pair().private_pem)
    assert_refused(await attack(system, service, {IDENTITY_HEADER: forger.token(OFFICER, service)}))


@pytest.mark.parametrize("service", SERVICES)
async def test_an_expired_identity_is_refused(system: System, service: str) -> None:
    an_hour_ago = IdentityMinter(GATEWAY_KEYS.private_pem, clock=lambda: time.time() - 3600)
    token = an_hour_ago.token(OFFICER, service)
    assert_refused(await attack(system, service, {IDENTITY_HEADER: token}))


@pytest.mark.parametrize("service", SERVICES)
async def test_an_identity_for_another_service_is_refused(system: System, service: str) -> None:
    elsewhere = next(other for other in SERVICES if other != service)
    token = IdentityMinter(GATEWAY_KEYS.private_pem).token(OFFICER, elsewhere)
    assert_refused(await attack(system, service, {IDENTITY_HEADER: token}))


@pytest.mark.parametrize("service", SERVICES)
async def test_health_needs_no_identity(system: System, service: str) -> None:
    async with httpx.AsyncClient(base_url=system.service_urls[service], timeout=10) as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 200


async def test_through_the_gateway_the_same_calls_work(system: System) -> None:
    mine = await lodge(system.forwarder(), bodies.local_car())
    officer = system.official("officer-hrg")
    assert (await officer.get(f"/v1/declarations/{mine['id']}")).status_code == 200
    assert (await officer.get("/v1/document-checks")).status_code == 200
    assert (await system.forwarder().get("/v1/declarations")).status_code == 200


async def test_a_client_cannot_hand_the_gateway_an_identity_to_pass_on(system: System) -> None:
    mine = await lodge(system.forwarder(), bodies.local_car())
    admin_for_declaration = IdentityMinter(GATEWAY_KEYS.private_pem).token(
        Caller(Role.ADMIN, actor="admin"), "declaration"
    )
    foreign = system.forwarder("5001987654")
    response = await foreign.get(
        f"/v1/declarations/{mine['id']}", headers={IDENTITY_HEADER: admin_for_declaration}
    )
    assert response.status_code == 404  # still the foreign tenant, not the admin it claimed
