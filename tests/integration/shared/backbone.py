"""A tiny service for the backbone tests: a counter table, a probe event and its handler.

It plays two real services, so that it runs under the broker's real ACLs and the consumers'
real source check: the declaration service publishes the probe on its topic, the inspection
service (which reads that topic) counts it.
"""

from typing import ClassVar
from uuid import UUID

from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from clearway_contracts.events import declaration
from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import Envelope
from clearway_platform.errors import PermanentEventError
from clearway_platform.handlers import EventHandlers
from clearway_platform.migrations import messaging_ddl
from clearway_platform.uow import UnitOfWork

PUBLISHER = "declaration"
CONSUMER = "inspection"
TOPIC = declaration.TOPIC

metadata = MetaData()
counters = Table(
    "counters",
    metadata,
    Column("declaration_id", String, primary_key=True),
    Column("hits", Integer, nullable=False),
)


class Probed(EventPayload):
    event_type: ClassVar[str] = "clearway.backbone.probed.v1"
    topic: ClassVar[str] = TOPIC

    declaration_id: UUID
    poison: bool = False


def schema(connection: Connection) -> None:
    metadata.create_all(connection)
    messaging_ddl(connection)


async def bump(uow: UnitOfWork, declaration_id: str) -> None:
    await uow.session.execute(
        insert(counters)
        .values(declaration_id=declaration_id, hits=1)
        .on_conflict_do_update(
            index_elements=[counters.c.declaration_id], set_={"hits": counters.c.hits + 1}
        )
    )


handlers = EventHandlers()


@handlers.on(Probed)
async def count_probe(uow: UnitOfWork, event: Probed, envelope: Envelope) -> None:
    if event.poison:
        raise PermanentEventError("poison requested by the test")
    await bump(uow, str(event.declaration_id))


async def hits(uow: UnitOfWork) -> dict[str, int]:
    async with uow:
        rows = (await uow.session.execute(select(counters))).all()
    return {row.declaration_id: row.hits for row in rows}
