"""The whole system for end-to-end tests: four services on real ports, real Kafka and
PostgreSQL, every call through the gateway. Nothing between our services is mocked."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

import httpx
import pytest

from clearway_declaration.app import create_app as declaration_app
from clearway_declaration.settings import Settings as DeclarationSettings
from clearway_gateway.app import create_app as gateway_app
from clearway_gateway.auth import service as keys
from clearway_gateway.seed import demo_tokens
from clearway_gateway.seed import seed as seed_gateway
from clearway_gateway.settings import Settings as GatewaySettings
from clearway_infra.ports import free_port
from clearway_inspection.app import create_app as inspection_app
from clearway_inspection.seed import seed as seed_inspection
from clearway_inspection.settings import Settings as InspectionSettings
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.uow import UnitOfWork
from clearway_release.app import create_app as release_app
from clearway_release.settings import Settings as ReleaseSettings
from tests.support.clock import ShiftClock
from tests.support.http import serve
from tests.support.identity import gateway_settings, identity_settings
from tests.support.infra import TestInfra
from tests.support.rules import DETERMINISTIC_RULESET

SERVICES = ("declaration", "inspection", "release", "gateway")


@dataclass
class System:
    gateway_url: str
    api_keys: dict[str, str]
    tokens: dict[str, str]
    release_clock: ShiftClock
    kafka: dict[str, Any]  # the test harness's admin on Kafka, to observe the topics
    topic_prefix: str
    # The services behind the gateway, which only the gateway should be able to speak to.
    service_urls: dict[str, str]
    # /metrics of the declaration service: in one test process every service counts into the
    # same registry, so it shows all four services' metrics.
    metrics_url: str = ""
    clients: list[httpx.AsyncClient] = field(default_factory=list)

    def _client(self, headers: dict[str, str]) -> httpx.AsyncClient:
        client = httpx.AsyncClient(base_url=self.gateway_url, headers=headers, timeout=30)
        self.clients.append(client)
        return client

    def forwarder(self, declarant: str = "6501234567") -> httpx.AsyncClient:
        return self._client({"X-API-Key": self.api_keys[declarant]})

    def official(self, who: str) -> httpx.AsyncClient:
        """``inspector-hrg``, ``officer-hrg`` or ``admin`` (docs/reference-data.md)."""
        return self._client({"Authorization": f"Bearer {self.tokens[who]}"})

    def anonymous(self) -> httpx.AsyncClient:
        return self._client({})


@pytest.fixture(scope="package")
async def system(infra: TestInfra) -> AsyncIterator[System]:
    async with running_system(infra) as running:
        yield running


@asynccontextmanager
async def running_system(infra: TestInfra) -> AsyncIterator[System]:
    """Fresh databases and topics, the four services on free ports, demo data loaded."""
    prefix = f"e2e{uuid4().hex[:8]}."
    databases = {name: await infra.migrated_database(name) for name in SERVICES}
    await infra.open_backbone(prefix)
    ports = {name: free_port() for name in SERVICES}
    common: dict[str, Any] = {"topic_prefix": prefix, "relay_poll_seconds": 0.5}
    common |= identity_settings()
    metrics_port = free_port()
    declaration = DeclarationSettings(
        database_url=databases["declaration"],
        metrics_port=metrics_port,
        **infra.kafka_settings("declaration"),
        **common,
    )
    inspection = InspectionSettings(
        database_url=databases["inspection"],
        missed_sweep_seconds=1,
        **infra.kafka_settings("inspection"),
        **common,
    )
    release = ReleaseSettings(
        database_url=databases["release"],
        overdue_watch_seconds=0.2,
        **infra.kafka_settings("release"),
        **common,
    )
    gateway = GatewaySettings(  # as `make run`: the API and the statistics consumer
        database_url=databases["gateway"],
        roles={"api", "statistics"},
        **infra.kafka_settings("gateway"),
        declaration_url=f"http://127.0.0.1:{ports['declaration']}",
        inspection_url=f"http://127.0.0.1:{ports['inspection']}",
        release_url=f"http://127.0.0.1:{ports['release']}",
        rate_limit_per_second=10_000,
        rate_limit_burst=10_000,
        # All four services share this test process's one event loop, so on a busy 2-core
        # machine a burst of concurrent calls can queue for seconds; a 504 would then report
        # the test runner's load, not a service's. The 10 s default is tested with the gateway's
        # own integration tests (2 s there).
        upstream_timeout_seconds=60,
        profile="development",  # as `make run`: the demo API key of the README
        **common | gateway_settings(),
    )
    await seed_inspection(inspection)
    await seed_gateway(gateway)
    other_key = await _api_key_for(gateway, "5001987654")
    release_clock = ShiftClock()
    async with AsyncExitStack() as running:
        await running.enter_async_context(
            serve(declaration_app(declaration), port=ports["declaration"])
        )
        await running.enter_async_context(
            serve(inspection_app(inspection), port=ports["inspection"])
        )
        await running.enter_async_context(
            serve(release_app(release, clock=release_clock), port=ports["release"])
        )
        url = await running.enter_async_context(serve(gateway_app(gateway), port=ports["gateway"]))
        system = System(
            gateway_url=url,
            api_keys={"6501234567": str(gateway.demo_key), "5001987654": other_key},
            tokens=demo_tokens(gateway),
            release_clock=release_clock,
            kafka=infra.kafka_options(),
            topic_prefix=prefix,
            service_urls={
                name: f"http://127.0.0.1:{port}"
                for name, port in ports.items()
                if name != "gateway"
            },
            metrics_url=f"http://127.0.0.1:{metrics_port}/metrics",
        )
        published = await system.official("admin").post(
            "/v1/risk/rulesets", json=DETERMINISTIC_RULESET
        )
        assert published.status_code == 201, published.text
        yield system
        for client in system.clients:
            await client.aclose()


async def _api_key_for(settings: GatewaySettings, declarant: str) -> str:
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        uow = UnitOfWork(create_session_factory(engine), source=settings.event_source)
        created = await keys.create_key(uow=uow, declarant=declarant, label="e2e")
    finally:
        await engine.dispose()
    return created.secret
