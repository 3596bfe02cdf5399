"""Every public endpoint against every role and a foreign tenant, and the OpenAPI document."""

import re
from uuid import uuid4

import pytest

from clearway_gateway.app import create_app
from clearway_gateway.seed import DEMO_DECLARANTS
from clearway_gateway.settings import Settings
from tests.integration.gateway.conftest import Gateway
from tests.support.identity import gateway_settings, identity_sent

pytestmark = pytest.mark.integration

FORWARDER_ONLY = {
    ("POST", "/v1/declarations"),
    ("POST", "/v1/declarations/{declaration_id}/amendments"),
    ("POST", "/v1/declarations/{declaration_id}/cancellation"),
    ("POST", "/v1/manifests"),
    ("GET", "/v1/events"),  # a declarant's own feed; officials read none (ADR 0031)
    # a declarant's own webhooks (ADR 0032)
    ("POST", "/v1/webhooks"),
    ("GET", "/v1/webhooks"),
    ("GET", "/v1/webhooks/{subscription_id}"),
    ("PATCH", "/v1/webhooks/{subscription_id}"),
    ("DELETE", "/v1/webhooks/{subscription_id}"),
    ("POST", "/v1/webhooks/{subscription_id}/secret"),
    ("GET", "/v1/webhooks/{subscription_id}/deliveries"),
    ("POST", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redelivery"),
}
# Takes a CSV or XLSX file: the matrix's JSON body is an unsupported media type.
UPLOADS = {("POST", "/v1/manifests")}
ADMIN_ONLY = {("PUT", "/v1/offices/{code}"), ("GET", "/v1/offices/{code}/versions")}
OFFICERS_AND_ADMINS = {
    ("GET", f"/v1/statistics/{name}")
    for name in ("declarations", "lanes", "release-times", "slot-utilisation")
}
SAMPLES = {"code": "8021", "site_id": "HRG-1", "vin": "LGXCE6CB5P0000018", "version": "1"}
BODIES = {"/v1/declarations/{declaration_id}/cancellation": {"reason": "withdrawn"}}


def operations() -> list[tuple[str, str]]:
    """Every operation of the published document."""
    paths = create_app(Settings(**gateway_settings())).openapi()["paths"]
    return sorted(
        (method.upper(), path)
        for path, methods in paths.items()
        for method in methods
        if path.startswith("/v1")
    )


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLES.get(m.group(1), str(uuid4())), path)


@pytest.mark.parametrize(("method", "path"), operations())
async def test_every_endpoint_by_every_role(gateway: Gateway, method: str, path: str) -> None:
    callers = {
        "nobody": {},
        "forwarder": gateway.demo_key,
        "inspector": gateway.bearer("inspector-hrg"),
        "officer": gateway.bearer("officer-hrg"),
        "admin": gateway.bearer("admin"),
    }
    body = BODIES.get(path, {}) if method in ("POST", "PUT") else None
    for role, headers in callers.items():
        gateway.stub.seen.clear()
        response = await gateway.client.request(method, concrete(path), json=body, headers=headers)
        if role == "nobody":
            expected = {401}
        elif (
            ((method, path) in FORWARDER_ONLY and role != "forwarder")
            or ((method, path) in ADMIN_ONLY and role != "admin")
            or ((method, path) in OFFICERS_AND_ADMINS and role not in ("officer", "admin"))
        ):
            expected = {403}
        else:
            expected = {200, 201, 404, 422}  # passed on, or refused for its body: never 5xx
            if (method, path) in UPLOADS:
                expected = {415}
        assert response.status_code in expected, (role, response.status_code, response.text)
        for sent in gateway.stub.seen:
            sent_as = identity_sent(sent.headers)
            assert sent_as.role == role
            if role == "forwarder":
                assert sent_as.tenant == DEMO_DECLARANTS[0]["customs_code"]
            else:
                assert sent_as.tenant is None


async def test_a_foreign_tenant_is_forwarded_as_itself(gateway: Gateway) -> None:
    from clearway_gateway.auth import service

    foreign = await service.create_key(uow=gateway.uow, declarant="5001987654", label="erp")
    await gateway.client.get(f"/v1/declarations/{uuid4()}", headers={"X-API-Key": foreign.secret})
    [sent] = gateway.stub.seen
    assert identity_sent(sent.headers, "declaration").tenant == "5001987654"  # answered 404


def test_the_openapi_document_is_3_1_with_security_and_an_example_per_body() -> None:
    document = create_app(Settings(**gateway_settings())).openapi()
    assert document["openapi"].startswith("3.1")
    schemes = document["components"]["securitySchemes"]
    assert {"APIKeyHeader", "HTTPBearer"} <= set(schemes)
    for path, methods in document["paths"].items():
        if not path.startswith("/v1"):
            continue
        for method, operation in methods.items():
            assert operation.get("summary"), (method, path)
            assert operation.get("security"), (method, path)
