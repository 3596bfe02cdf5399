"""The two hot statements: lodging a declaration and reading one.

Measured with ``python -m bench.declaration`` (figures in the service README): the rest of the
service uses ``repository.py``; these two are written out in SQL because their round trips and
SQLAlchemy's per-statement and per-row work were most of the time a lodging or a read took.

* Lodging writes the declaration, its VIN claims and its timeline entry in one statement
  (data-modifying CTEs), the customs number drawn from the sequence inside it, and the content
  as JSON that pydantic wrote: one round trip instead of four, and no SQL compiled per vehicle.
  It runs through the session, so it is in the unit of work's transaction with the outbox row.
* Reading fetches the declaration and its timeline in one statement, on the session's asyncpg
  connection without BEGIN/ROLLBACK: one statement sees one snapshot, so it needs no
  transaction, and it saves two of the three round trips.
"""

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import RoutingPlan
from clearway_declaration.declarations.models import SEQUENCE_DIGITS, Declaration
from clearway_declaration.declarations.models import DeclarationContent as Content
from clearway_declaration.lifecycle.models import Status, TimelineEntry

_LODGE = text(
    f"""
    WITH declaration AS (
        INSERT INTO declarations (
            id, customs_number, declarant, status, mode, offices, revision,
            accepted_at, updated_at, routing, content
        )
        VALUES (
            :id, :number_prefix || lpad(nextval('customs_number_sequence')::text,
                                        {SEQUENCE_DIGITS}, '0'),
            :declarant, :status, :mode, :offices, 1,
            :at, :at, CAST(:routing AS jsonb), CAST(:content AS jsonb)
        )
        RETURNING id, customs_number
    ), claimed AS (
        INSERT INTO declaration_vehicles (declaration_id, vin)
        SELECT declaration.id, vin
        FROM declaration, unnest(CAST(:vins AS varchar[])) AS vin
        ON CONFLICT (vin) WHERE live DO NOTHING
        RETURNING vin
    ), entry AS (
        INSERT INTO declaration_timeline (
            declaration_id, at, kind, previous_status, status, cause, detail
        )
        SELECT id, :at, :kind, :previous_status, :status, :cause,
               format(:detail, customs_number)
        FROM declaration
    )
    SELECT customs_number, ARRAY(SELECT vin FROM claimed) AS claimed FROM declaration
    """
)

_READ = """
    SELECT d.id, d.customs_number, d.revision, d.status, d.accepted_at, d.updated_at,
           -- as text: pydantic parses JSON faster than json.loads and model_validate together
           d.routing::text, d.content::text, d.progress::text,
           ARRAY(
               SELECT ROW(t.at, t.kind, t.previous_status, t.status, t.cause, t.detail, t.refused)
               FROM declaration_timeline t
               WHERE t.declaration_id = d.id
               ORDER BY t.id
           ) AS timeline
    FROM declarations d
    WHERE d.id = $1 AND ($2::varchar IS NULL OR d.declarant = $2)
"""


@dataclass(frozen=True)
class Lodged:
    customs_number: str
    taken_vins: set[str]  # already on another live declaration: the lodging must roll back


async def lodge(
    session: AsyncSession,
    *,
    declaration_id: UUID,
    number_prefix: str,
    routing: RoutingPlan,
    offices: list[str],
    content: Content,
    entry: TimelineEntry,
) -> Lodged:
    """Insert an accepted declaration; ``entry.detail`` may hold ``%s`` for its customs number."""
    row = (
        await session.execute(
            _LODGE,
            {
                "id": declaration_id,
                "number_prefix": number_prefix,
                "declarant": content.declarant.customs_code,
                "status": entry.status.value,
                "mode": routing.mode.value,
                "offices": offices,
                "at": entry.at,
                "routing": routing.model_dump_json(),
                "content": content.model_dump_json(),
                "vins": content.vins,
                "kind": entry.kind,
                "previous_status": entry.previous_status,
                "cause": entry.cause,
                "detail": entry.detail,
            },
        )
    ).one()
    return Lodged(row.customs_number, set(content.vins) - set(row.claimed))


async def read(
    session: AsyncSession, declaration_id: UUID, *, declarant: str | None
) -> tuple[Declaration, list[TimelineEntry]] | None:
    """One declaration and its timeline; ``declarant`` limits it to that tenant's."""
    connection = await session.connection()
    driver: Any = (await connection.get_raw_connection()).driver_connection  # asyncpg
    row = await driver.fetchrow(_READ, declaration_id, declarant)
    if row is None:
        return None
    declaration = Declaration(
        id=row["id"],
        customs_number=row["customs_number"],
        revision=row["revision"],
        status=Status(row["status"]),
        routing=RoutingPlan.model_validate_json(row["routing"]),
        content=Content.model_validate_json(row["content"]),
        accepted_at=row["accepted_at"],
        updated_at=row["updated_at"],
        progress=json.loads(row["progress"]),
    )
    timeline = [
        TimelineEntry(
            at=at,
            kind=kind,
            previous_status=Status(previous) if previous else None,
            status=Status(status),
            cause=cause,
            detail=detail,
            refused=refused,
        )
        for at, kind, previous, status, cause, detail, refused in row["timeline"]
    ]
    return declaration, timeline
