"""The gateway's statistics role on a migrated database and the real Kafka: the services
upstream are played by their events, published as their owners would (tests.support.events)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from clearway_gateway.app import create_app
from clearway_gateway.seed import demo_tokens
from clearway_gateway.settings import Settings
from tests.support.http import serve
from tests.support.identity import gateway_settings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration


@pytest.fixture
async def settings(infra: TestInfra, topic_prefix: str) -> Settings:
    await infra.open_backbone(topic_prefix)
    return Settings(
        database_url=await infra.migrated_database("gateway"),
        roles={"api", "statistics"},
        **infra.kafka_settings("gateway"),
        topic_prefix=topic_prefix,
        database_pool_size=5,
        **gateway_settings(),
    )


@asynccontextmanager
async def statistics_api(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway with these roles, called as the Horgos officer."""
    token = demo_tokens(settings)["officer-hrg"]
    async with (
        serve(create_app(settings)) as url,
        httpx.AsyncClient(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10
        ) as client,
    ):
        yield client


Check = Callable[[httpx.AsyncClient], Awaitable[Any]]
