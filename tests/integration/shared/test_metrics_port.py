"""Prometheus metrics on a port of their own: the API port never serves them."""

import httpx
import pytest

from clearway_infra.ports import free_port
from clearway_platform.settings import ServiceSettings
from clearway_platform.web.app import create_service_app
from tests.integration.shared.conftest import Backbone
from tests.support.http import serve
from tests.support.identity import identity_settings

pytestmark = pytest.mark.integration


def service_on(bb: Backbone, metrics_port: int | None) -> ServiceSettings:
    return ServiceSettings(
        service_name="backbone",
        database_url=bb.publisher.database_url,
        roles={"api"},
        metrics_port=metrics_port,
        **identity_settings(),
    )


async def test_metrics_are_served_on_the_metrics_port_only(bb: Backbone) -> None:
    metrics_port = free_port()
    app = create_service_app(settings=service_on(bb, metrics_port), title="t", uses_kafka=False)
    async with serve(app) as url, httpx.AsyncClient(timeout=10) as client:
        assert (await client.get(f"{url}/healthz")).status_code == 200
        assert (await client.get(f"{url}/metrics")).status_code == 404
        metrics = await client.get(f"http://127.0.0.1:{metrics_port}/metrics")
        assert metrics.status_code == 200
        assert 'clearway_http_requests_total{method="GET",route="/healthz"' in metrics.text


async def test_the_metrics_port_is_free_again_once_the_service_stops(bb: Backbone) -> None:
    metrics_port = free_port()
    for _ in range(2):  # a second start on the same port would fail if the first held it
        app = create_service_app(settings=service_on(bb, metrics_port), title="t", uses_kafka=False)
        async with serve(app), httpx.AsyncClient(timeout=10) as client:
            response = await client.get(f"http://127.0.0.1:{metrics_port}/metrics")
            assert response.status_code == 200
