"""Reading what the inspection service published (its outbox) and feeding it events."""

import json
from typing import Any

from sqlalchemy import select

from clearway_contracts.events.base import EventPayload
from clearway_platform.db import outbox
from tests.integration.inspection.conftest import Inspection
from tests.support.events import AsOwners


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
    async with AsOwners(service.infra, service.settings.topic_prefix) as declaration:
        await declaration.send(*payloads)
