"""Issue 10: hardening headers on every gateway response, refusals included (ADR 0026)."""

import httpx

from tests.e2e.conftest import System

EVERYWHERE = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def assert_hardened(response: httpx.Response) -> None:
    for name, value in EVERYWHERE.items():
        assert response.headers.get(name) == value, (response.url, name)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "server" not in response.headers  # no "uvicorn"


async def test_api_answers_are_hardened_and_never_cached(system: System) -> None:
    forwarder = system.forwarder()
    for response in [
        await forwarder.get("/v1/declarations"),
        await system.anonymous().get("/v1/declarations"),  # 401
        await system.anonymous().post("/v1/declarations", json={}),  # 401 before the body
        await forwarder.get("/v1/declarations", params={"vin": "A\u0000B"}),  # 422
    ]:
        assert_hardened(response)
        assert response.headers["cache-control"] == "no-store"
        assert "strict-transport-security" not in response.headers  # plain HTTP here


async def test_pages_are_hardened_and_serve_their_own_libraries(system: System) -> None:
    client = system.anonymous()
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert_hardened(docs)
    assert "sha256-" in docs.headers["content-security-policy"]  # its start-up script
    assert "cdn" not in docs.text.lower()
    assert "/assets/lib/swagger-ui/swagger-ui-bundle.js" in docs.text
    bundle = await client.get("/assets/lib/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    for page in ("/tablet/", "/console/"):
        response = await client.get(page)
        assert response.status_code == 200
        assert_hardened(response)
