"""Fixtures for the backbone tests: a fresh database with the counter schema."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from clearway_shared.db import create_engine, create_session_factory
from clearway_shared.settings import ServiceSettings
from clearway_shared.uow import UnitOfWork
from tests.integration.shared import backbone
from tests.support.infra import TestInfra


@dataclass
class Backbone:
    settings: ServiceSettings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(
            self.session_factory,
            source=self.settings.event_source,
            topic_prefix=self.settings.topic_prefix,
        )

    @property
    def topic(self) -> str:
        return self.settings.topic(backbone.TOPIC)


@pytest.fixture
async def bb(infra: TestInfra, topic_prefix: str) -> AsyncIterator[Backbone]:
    url = await infra.fresh_database("backbone")
    engine = create_engine(url, pool_size=5)
    async with engine.begin() as conn:
        await conn.run_sync(backbone.schema)
    settings = ServiceSettings(
        service_name="backbone",
        database_url=url,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=topic_prefix,
    )
    await infra.create_topics([settings.topic(backbone.TOPIC), settings.dead_letter_topic])
    yield Backbone(settings, engine, create_session_factory(engine))
    await engine.dispose()
