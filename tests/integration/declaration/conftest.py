"""The declaration service on a fresh migrated database, the real Kafka, and a real port."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from clearway_declaration.app import create_app
from clearway_declaration.settings import Settings
from clearway_shared.events import TOPICS, EventPayload, encode
from clearway_shared.web.identity import Caller, Role
from tests.support.events import EventProbe
from tests.support.http import serve
from tests.support.identity import as_gateway, identity_settings
from tests.support.infra import TestInfra
from tests.unit.declaration.samples import DECLARANT, OTHER_DECLARANT

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
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=topic_prefix,
        relay_poll_seconds=0.2,
        **identity_settings(),
    )
    await infra.create_topics([*(settings.topic(t) for t in TOPICS), settings.dead_letter_topic])
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
async def published(settings: Settings) -> AsyncIterator[EventProbe]:
    """What the service published on its topic."""
    async with EventProbe(
        settings.kafka_bootstrap_servers, settings.topic("clearway.declaration.events")
    ) as probe:
        yield probe


@asynccontextmanager
async def _producer(settings: Settings) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


class Upstream:
    """Plays the inspection and release services: publishes their events to Kafka."""

    def __init__(self, settings: Settings, producer: AIOKafkaProducer) -> None:
        self._settings = settings
        self._producer = producer

    async def send(self, *payloads: EventPayload) -> None:
        for payload in payloads:
            _, record = encode(payload, source="/clearway/test")
            await self._producer.send_and_wait(
                self._settings.topic(record.topic),
                record.value,
                key=record.key,
                headers=record.headers,
            )


@pytest.fixture
async def upstream(settings: Settings) -> AsyncIterator[Upstream]:
    async with _producer(settings) as producer:
        yield Upstream(settings, producer)
