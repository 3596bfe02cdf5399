"""The release service on a fresh migrated database, the real Kafka, and a real port."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime

import httpx
import pytest

from clearway_contracts.events.release import TOPIC as RELEASE_TOPIC
from clearway_contracts.identity import Caller, Role
from clearway_platform.clock import FrozenClock
from clearway_release.app import create_app
from clearway_release.settings import Settings
from tests.support.events import EventProbe
from tests.support.http import serve
from tests.support.identity import as_gateway, identity_settings
from tests.support.infra import TestInfra

HORGOS_OFFICER = as_gateway(Caller(Role.OFFICER, actor="officer-hrg", office="8021"), "release")
ALASHANKOU_OFFICER = as_gateway(Caller(Role.OFFICER, actor="officer-aks", office="8031"), "release")


@pytest.fixture
async def settings(infra: TestInfra, topic_prefix: str) -> Settings:
    settings = Settings(
        database_url=await infra.migrated_database("release"),
        **infra.kafka_settings("release"),
        topic_prefix=topic_prefix,
        database_pool_size=5,
        relay_poll_seconds=0.2,
        overdue_watch_seconds=0.1,
        **identity_settings(),
    )
    await infra.open_backbone(topic_prefix)
    return settings


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@asynccontextmanager
async def running(settings: Settings, clock: FrozenClock, replicas: int = 1) -> AsyncIterator[str]:
    """``replicas`` processes' worth of the service (API, relay, consumer, watch) on one
    database and one consumer group; yields the first one's base URL."""
    async with AsyncExitStack() as stack:
        urls = [
            await stack.enter_async_context(serve(create_app(settings, clock=clock)))
            for _ in range(replicas)
        ]
        yield urls[0]


@pytest.fixture
async def api(settings: Settings, clock: FrozenClock) -> AsyncIterator[httpx.AsyncClient]:
    """The running service, called as the Horgos exit-port officer."""
    async with (
        running(settings, clock) as url,
        httpx.AsyncClient(base_url=url, auth=HORGOS_OFFICER, timeout=10) as client,
    ):
        yield client


@pytest.fixture
async def published(infra: TestInfra, settings: Settings) -> AsyncIterator[EventProbe]:
    """What the service published on its topic."""
    async with EventProbe(infra.kafka_options(), settings.topic(RELEASE_TOPIC)) as probe:
        yield probe
