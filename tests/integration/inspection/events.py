"""Reading what the inspection service published (its outbox) and feeding it events."""

import json
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import select

from clearway_shared.db import outbox
from clearway_shared.events.base import EventPayload
from clearway_shared.events.envelope import encode
from tests.integration.inspection.conftest import Inspection


async def published(service: Inspection, event_type: str) -> list[dict[str, Any]]:
    """The payloads of ``event_type`` events committed to the outbox, oldest first."""
    uow = service.uow()
    async with uow:
        rows = await uow.session.execute(
            select(outbox.c.value).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [json.loads(value) for (value,) in rows]


async def send(service: Inspection, *payloads: EventPayload) -> None:
    """Publish events to the service's declaration topic, as the declaration service does."""
    producer = AIOKafkaProducer(bootstrap_servers=service.settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for payload in payloads:
            _, record = encode(payload, source="/clearway/declaration")
            await producer.send_and_wait(
                service.settings.topic(record.topic),
                value=record.value,
                key=record.key,
                headers=record.headers,
            )
    finally:
        await producer.stop()
