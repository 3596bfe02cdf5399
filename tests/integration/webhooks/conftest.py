"""The gateway with its API, its consumer and its webhooks role on a migrated database and the
real Kafka, and a real HTTP receiver (aiohttp) that can be told to fail, hang or recover."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from clearway_gateway.settings import Settings
from clearway_infra.ports import free_port
from tests.integration.feed.conftest import Feed, FeedServer, create_other_key
from tests.support.identity import gateway_settings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration

FAST_RETRIES: dict[str, Any] = {
    "webhook_timeout_seconds": 1.0,
    "webhook_retry_base_seconds": 0.2,
    "webhook_retry_max_seconds": 1.0,
    "webhook_poll_seconds": 0.1,
}


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An ERP's endpoint: answers 204, or 503 (``failing``), or too late (``hanging``)."""

    url: str = ""
    failing: bool = False
    hanging: bool = False
    received: list[Received] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self.hanging:
            await asyncio.sleep(3)  # past the sender's timeout
            self.answered.append(0)
            return web.Response(status=204)
        if self.failing:
            self.answered.append(503)
            return web.Response(status=503)
        self.received.append(Received(dict(request.headers), body))
        self.answered.append(204)
        return web.Response(status=204)

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.received]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver()
    app = web.Application()
    app.router.add_post("/hooks", found.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    found.url = f"http://127.0.0.1:{port}/hooks"
    yield found
    await runner.cleanup()


async def webhook_settings(infra: TestInfra, topic_prefix: str, **changes: Any) -> Settings:
    await infra.open_backbone(topic_prefix)
    return Settings(
        **{
            "database_url": await infra.migrated_database("gateway"),
            "roles": {"api", "statistics", "webhooks"},
            **infra.kafka_settings("gateway"),
            "topic_prefix": topic_prefix,
            "database_pool_size": 8,
            "profile": "development",
            **gateway_settings(),
            **FAST_RETRIES,
            **changes,
        }
    )


@pytest.fixture
async def settings(infra: TestInfra, topic_prefix: str) -> Settings:
    return await webhook_settings(infra, topic_prefix)


@pytest.fixture
async def gateway(settings: Settings) -> AsyncIterator[Feed]:
    async with FeedServer(settings, await create_other_key(settings)) as running:
        yield running
