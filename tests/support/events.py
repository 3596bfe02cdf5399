"""What services published, read from the real Kafka broker, and events published as the
service that owns their topic."""

import asyncio
from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import Envelope, decode, encode
from clearway_contracts.events.topology import owner_of
from clearway_platform.kafka import create_producer
from clearway_platform.settings import ServiceSettings
from tests.support.infra import TestInfra


class EventProbe:
    """A consumer of its own group that reads topics from the beginning.

    ``kafka`` are the client options of the principal it reads as: the test harness's admin
    (``infra.kafka_options()``), which may read everything.
    """

    def __init__(self, kafka: dict[str, Any], *topics: str) -> None:
        self._consumer = AIOKafkaConsumer(
            *topics,
            **kafka,
            group_id=f"probe-{uuid4().hex}",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            metadata_max_age_ms=1000,
        )
        self.records: list[ConsumerRecord[bytes, bytes]] = []

    async def __aenter__(self) -> "EventProbe":
        await self._consumer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._consumer.stop()

    @property
    def events(self) -> list[Envelope]:
        return [decode(r.headers, r.key, r.value) for r in self.records if _is_event(r)]

    async def wait_for(
        self, predicate: Callable[[list[Envelope]], bool], *, timeout: float = 30
    ) -> list[Envelope]:
        """Poll until ``predicate(events so far)`` holds; fail loudly on timeout."""
        try:
            async with asyncio.timeout(timeout):
                while not predicate(self.events):
                    batch = await self._consumer.getmany(timeout_ms=200)
                    for records in batch.values():
                        self.records.extend(records)
        except TimeoutError:
            seen = [(e.type, e.subject) for e in self.events]
            raise AssertionError(f"timed out after {timeout}s; events seen: {seen}") from None
        return self.events

    async def drain(self, seconds: float = 1.0) -> list[Envelope]:
        """Read whatever arrives within ``seconds``: to prove something did NOT happen."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while loop.time() < deadline:
            batch = await self._consumer.getmany(timeout_ms=100)
            for records in batch.values():
                self.records.extend(records)
        return self.events


def _is_event(record: ConsumerRecord[bytes, bytes]) -> bool:
    return any(name == "ce_id" for name, _ in record.headers)


def of_type(events: list[Envelope], event_type: str) -> list[Envelope]:
    return [e for e in events if e.type == event_type]


class AsOwners:
    """Publishes events the way the services that own their topics do: each through the
    owner's Kafka principal (its credentials, its ACLs) and with its CloudEvents source.
    Tests use it to play the services upstream of the one under test."""

    def __init__(self, infra: TestInfra, topic_prefix: str) -> None:
        self._infra = infra
        self._topic_prefix = topic_prefix
        self._producers: dict[str, AIOKafkaProducer] = {}

    async def __aenter__(self) -> "AsOwners":
        return self

    async def __aexit__(self, *exc: object) -> None:
        for producer in self._producers.values():
            await producer.stop()

    async def send(self, *payloads: EventPayload, event_id: str | None = None) -> None:
        """Each event acknowledged by the broker before the next is sent."""
        for payload in payloads:
            await (await self._enqueue(payload, event_id))

    async def send_all(self, payloads: Iterable[EventPayload]) -> None:
        """As fast as the producers go (benchmarks): in order, acknowledged together."""
        await asyncio.gather(*[await self._enqueue(payload, None) for payload in payloads])

    async def _enqueue(self, payload: EventPayload, event_id: str | None) -> "asyncio.Future[Any]":
        owner = owner_of(payload.topic)
        assert owner is not None, f"no service owns {payload.topic}"
        _, record = encode(payload, source=owner.source, event_id=event_id)
        producer = await self._producer(owner.name)
        delivery: asyncio.Future[Any] = await producer.send(
            self._topic_prefix + record.topic, record.value, key=record.key, headers=record.headers
        )
        return delivery

    async def _producer(self, service: str) -> AIOKafkaProducer:
        if service not in self._producers:
            settings = ServiceSettings(service_name=service, **self._infra.kafka_settings(service))
            producer = create_producer(settings)
            await producer.start()
            self._producers[service] = producer
        return self._producers[service]
