"""Fixtures for the backbone tests: a fresh database with the counter schema, written by one
service and read by another, each as its own Kafka principal."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork
from tests.integration.shared import backbone
from tests.support.infra import TestInfra


@dataclass
class Backbone:
    """``publisher`` commits state changes with their events on its topic (as the declaration
    service), ``consumer`` applies them (as the inspection service, which reads that topic);
    one database serves both. ``kafka`` is the test harness's admin, to observe."""

    publisher: ServiceSettings
    consumer: ServiceSettings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    kafka: dict[str, Any]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(
            self.session_factory,
            source=self.publisher.event_source,
            topic_prefix=self.publisher.topic_prefix,
        )

    @property
    def topic(self) -> str:
        return self.publisher.topic(backbone.TOPIC)


@pytest.fixture
async def bb(infra: TestInfra, topic_prefix: str) -> AsyncIterator[Backbone]:
    url = await infra.fresh_database("backbone")
    engine = create_engine(url, pool_size=5)
    async with engine.begin() as conn:
        await conn.run_sync(backbone.schema)

    def settings(service: str) -> ServiceSettings:
        return ServiceSettings(
            service_name=service,
            database_url=url,
            **infra.kafka_settings(service),
            topic_prefix=topic_prefix,
        )

    await infra.open_backbone(topic_prefix)
    yield Backbone(
        publisher=settings(backbone.PUBLISHER),
        consumer=settings(backbone.CONSUMER),
        engine=engine,
        session_factory=create_session_factory(engine),
        kafka=infra.kafka_options(),
    )
    await engine.dispose()
