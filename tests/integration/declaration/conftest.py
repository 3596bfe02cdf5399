"""The declaration service on a fresh migrated database, the real Kafka, and a real port."""

from collections.abc import AsyncIterator

import httpx
import pytest

from clearway_contracts.identity import Caller, Role
from clearway_declaration.app import create_app
from clearway_declaration.settings import Settings
from tests.support.events import EventProbe
from tests.support.http import serve
from tests.support.identity import as_gateway, identity_settings
from tests.support.infra import TestInfra
from tests.support.samples.bodies import DECLARANT, OTHER_DECLARANT

FORWARDER = as_gateway(
    Caller(Role.FORWARDER, actor="key-silk-road", tenant=DECLARANT), "declaration"
)
OTHER_FORWARDER = as_gateway(
    Caller(Role.FORWARDER, actor="key-chongqing", tenant=OTHER_DECLARANT), "declaration"
)
OFFICER = as_gateway(Caller(Role.OFFICER, actor="officer-hrg", office="8021"), "declaration")


@pytest.fixture
async def settings(infra: TestInfra, topic_prefix: str) -> Settings:
    settings = Settings(
        database_url=await infra.migrated_database("declaration"),
        **infra.kafka_settings("declaration"),
        topic_prefix=topic_prefix,
        relay_poll_seconds=0.2,
        **identity_settings(),
    )
    await infra.open_backbone(topic_prefix)
    return settings


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The running service (API, relay and consumer), called as the demo forwarder."""
    async with (
        serve(create_app(settings)) as url,
        httpx.AsyncClient(base_url=url, auth=FORWARDER, timeout=10) as client,
    ):
        yield client


@pytest.fixture
async def published(infra: TestInfra, settings: Settings) -> AsyncIterator[EventProbe]:
    """What the service published on its topic."""
    async with EventProbe(
        infra.kafka_options(), settings.topic("clearway.declaration.events")
    ) as probe:
        yield probe
