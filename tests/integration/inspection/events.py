"""Reading what the inspection service published: its outbox."""

import json
from typing import Any

from sqlalchemy import select

from clearway_platform.db import outbox
from tests.integration.inspection.conftest import Inspection


async def published(service: Inspection, event_type: str) -> list[dict[str, Any]]:
    """The payloads of ``event_type`` events committed to the outbox, oldest first."""
    uow = service.uow()
    async with uow:
        rows = await uow.session.execute(
            select(outbox.c.value).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [json.loads(value) for (value,) in rows]
