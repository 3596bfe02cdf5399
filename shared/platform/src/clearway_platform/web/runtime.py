"""The adapters one service process holds: settings, database engine, Kafka producer."""

import asyncio
from dataclasses import dataclass, field

from aiokafka import AIOKafkaProducer
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork


@dataclass
class Runtime:
    settings: ServiceSettings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    # None in a service that publishes and consumes nothing: it holds no Kafka credentials.
    kafka_producer: AIOKafkaProducer | None
    kafka_ready: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def uses_kafka(self) -> bool:
        return self.kafka_producer is not None

    @property
    def producer(self) -> AIOKafkaProducer:
        if self.kafka_producer is None:
            raise RuntimeError(f"{self.settings.service_name} uses no Kafka")
        return self.kafka_producer

    @property
    def kafka_started(self) -> bool:
        return self.kafka_ready.is_set()

    def uow(self) -> UnitOfWork:
        return UnitOfWork(
            self.session_factory,
            source=self.settings.event_source,
            topic_prefix=self.settings.topic_prefix,
        )
