"""A backend that is down: a quick 503 with Retry-After, never a hang."""

import time

import pytest

from tests.integration.gateway.conftest import Gateway

pytestmark = pytest.mark.integration


async def test_a_backend_that_is_down_answers_503_with_retry_after(
    gateway_with_release_down: Gateway,
) -> None:
    gateway = gateway_with_release_down
    started = time.monotonic()
    response = await gateway.client.get(
        "/v1/releases/0b9a3f1e-3f43-4c1b-9a57-2d7f0f6b7a11", headers=gateway.bearer("officer-hrg")
    )
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["Retry-After"] == str(gateway.settings.retry_after_seconds)
    assert "release" in response.json()["detail"]
    assert time.monotonic() - started < 3
