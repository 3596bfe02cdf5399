"""The gateway with its API and its consumer on a migrated database and the real Kafka; the
services upstream are played by their events (tests.support.events)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from clearway_gateway.app import create_app
from clearway_gateway.auth import service as auth_service
from clearway_gateway.seed import demo_tokens, seed_with
from clearway_gateway.settings import DEMO_API_KEY, Settings
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.uow import UnitOfWork
from tests.support.http import serve
from tests.support.identity import gateway_settings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration

OTHER_DECLARANT = "5001987654"  # Chongqing Rail Motors, the second demo declarant


@dataclass
class Feed:
    settings: Settings
    url: str
    silk_road: httpx.AsyncClient  # the demo key's declarant, 6501234567
    chongqing: httpx.AsyncClient
    officer: httpx.AsyncClient


@pytest.fixture
async def settings(infra: TestInfra, topic_prefix: str) -> Settings:
    await infra.open_backbone(topic_prefix)
    return Settings(
        database_url=await infra.migrated_database("gateway"),
        roles={"api", "statistics"},
        **infra.kafka_settings("gateway"),
        topic_prefix=topic_prefix,
        database_pool_size=5,
        profile="development",
        **gateway_settings(),
    )


@pytest.fixture
async def other_key(settings: Settings) -> str:
    return await create_other_key(settings)


async def create_other_key(settings: Settings) -> str:
    """Seed the demo declarants and key, and an API key of the second declarant."""
    engine = create_engine(settings.database_url, pool_size=2)
    uow = UnitOfWork(create_session_factory(engine), source="test")
    await seed_with(uow, demo_api_key=DEMO_API_KEY)
    issued = await auth_service.create_key(uow=uow, declarant=OTHER_DECLARANT, label="test")
    await engine.dispose()
    return issued.secret


@pytest.fixture
async def feed(settings: Settings, other_key: str) -> AsyncIterator[Feed]:
    async with running_feed(settings, other_key) as running:
        yield running


def running_feed(settings: Settings, other_key: str) -> "FeedServer":
    return FeedServer(settings, other_key)


class FeedServer:
    """The gateway serving the feed, with a client per caller; enter it again to restart."""

    def __init__(self, settings: Settings, other_key: str) -> None:
        self._settings = settings
        self._other_key = other_key

    async def __aenter__(self) -> Feed:
        self._served = serve(create_app(self._settings))
        url = await self._served.__aenter__()
        token = demo_tokens(self._settings)["officer-hrg"]
        self._clients = [
            httpx.AsyncClient(base_url=url, headers=headers, timeout=40)
            for headers in (
                {"X-API-Key": DEMO_API_KEY},
                {"X-API-Key": self._other_key},
                {"Authorization": f"Bearer {token}"},
            )
        ]
        return Feed(self._settings, url, *self._clients)

    async def __aexit__(self, *exc: object) -> None:
        for client in self._clients:
            await client.aclose()
        await self._served.__aexit__(None, None, None)
