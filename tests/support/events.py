"""Read what services published, from the real Kafka broker."""

import asyncio
from collections.abc import Callable
from uuid import uuid4

from aiokafka import AIOKafkaConsumer, ConsumerRecord

from clearway_shared.events.envelope import Envelope, decode


class EventProbe:
    """A consumer of its own group that reads topics from the beginning."""

    def __init__(self, bootstrap: str, *topics: str) -> None:
        self._consumer = AIOKafkaConsumer(
            *topics,
            bootstrap_servers=bootstrap,
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
