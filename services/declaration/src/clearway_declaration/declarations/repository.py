"""Every statement on the declaration tables, through the unit of work's session.

Most are SQLAlchemy Core. The two hot ones, lodging a declaration and reading one, are
written out in SQL (measured with ``python -m bench.declaration``, figures in the service
README): their round trips and SQLAlchemy's per-statement and per-row work were most of the
time a lodging or a read took.

* Lodging (``lodge``) writes the declaration, its VIN claims and its timeline entry in one
  statement (data-modifying CTEs), the customs number drawn from the sequence inside it, and
  the content as JSON that pydantic wrote: one round trip instead of four, and no SQL compiled
  per vehicle. It runs through the session, so it is in the unit of work's transaction with
  the outbox row.
* Reading (``read``) fetches the declaration and its timeline in one statement, on the
  session's asyncpg connection without BEGIN/ROLLBACK: one statement sees one snapshot, so it
  needs no transaction, and it saves two of the three round trips.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, exists, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import RoutingPlan
from clearway_declaration.db import (
    declarations,
    idempotency_keys,
    vehicles,
)
from clearway_declaration.declarations.models import (
    SEQUENCE_DIGITS,
    Declaration,
    DeclarationContent,
    DeclarationFilters,
    DeclarationSummary,
)
from clearway_declaration.lifecycle.models import Status, TimelineEntry, in_time_order
from clearway_platform.driver import statement_driver


async def claim_idempotency_key(
    session: AsyncSession, *, tenant: str, key: str, request_hash: str, declaration_id: UUID
) -> tuple[str, UUID] | None:
    """Claim ``key`` for a new declaration; when it was claimed before, returns that
    request's fingerprint and declaration id.

    A concurrent claim of the same key waits here until the first transaction ends, so
    identical retries store one declaration.
    """
    claimed = await session.execute(
        pg_insert(idempotency_keys)
        .values(tenant=tenant, key=key, request_hash=request_hash, declaration_id=declaration_id)
        .on_conflict_do_nothing()
        .returning(idempotency_keys.c.key)
    )
    if claimed.first() is not None:
        return None
    earlier = await session.execute(
        select(idempotency_keys.c.request_hash, idempotency_keys.c.declaration_id).where(
            idempotency_keys.c.tenant == tenant, idempotency_keys.c.key == key
        )
    )
    request_hash, earlier_declaration = earlier.one()
    return request_hash, earlier_declaration


async def update_declaration(session: AsyncSession, declaration: Declaration) -> None:
    await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration.id)
        .values(**_columns(declaration))
    )


async def claim_vins(session: AsyncSession, declaration_id: UUID, vins: Sequence[str]) -> set[str]:
    """Put ``vins`` on this live declaration; returns those already on another live one."""
    if not vins:
        return set()
    claimed = await session.execute(
        pg_insert(vehicles)
        .values([{"declaration_id": declaration_id, "vin": vin} for vin in vins])
        .on_conflict_do_nothing(index_elements=[vehicles.c.vin], index_where=vehicles.c.live)
        .returning(vehicles.c.vin)
    )
    return set(vins) - set(claimed.scalars())


async def drop_vins(session: AsyncSession, declaration_id: UUID) -> None:
    await session.execute(vehicles.delete().where(vehicles.c.declaration_id == declaration_id))


async def find(
    session: AsyncSession, declaration_id: UUID, *, declarant: str | None = None, lock: bool = False
) -> Declaration | None:
    """One declaration; ``declarant`` limits it to that tenant's, ``lock`` holds it for update."""
    query = select(declarations).where(declarations.c.id == declaration_id)
    if declarant is not None:
        query = query.where(declarations.c.declarant == declarant)
    if lock:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    return _declaration(row) if row else None


async def search(
    session: AsyncSession,
    filters: DeclarationFilters,
    *,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[DeclarationSummary]:
    """Newest first; ``after`` is the (accepted_at, id) of the last summary already seen."""
    d = declarations
    query = select(
        d.c.id,
        d.c.customs_number,
        d.c.declarant,
        d.c.status,
        d.c.mode,
        d.c.offices,
        d.c.content["destination_country"].astext.label("destination_country"),
        func.jsonb_array_length(d.c.content["items"]).label("item_count"),
        d.c.progress["lane"]["lane"].astext.label("lane"),
        d.c.means_id,
        d.c.consignment_reference,
        d.c.accepted_at,
        d.c.updated_at,
    )
    if filters.declarant is not None:
        query = query.where(d.c.declarant == filters.declarant)
    if filters.status is not None:
        query = query.where(d.c.status == filters.status)
    if filters.mode is not None:
        query = query.where(d.c.mode == filters.mode)
    if filters.office is not None:
        query = query.where(d.c.offices.contains([filters.office]))
    if filters.accepted_from is not None:
        query = query.where(d.c.accepted_at >= filters.accepted_from)
    if filters.accepted_before is not None:
        query = query.where(d.c.accepted_at < filters.accepted_before)
    if filters.vin is not None:
        query = query.where(
            exists().where(vehicles.c.declaration_id == d.c.id, vehicles.c.vin == filters.vin)
        )
    if filters.means_id is not None:
        query = query.where(d.c.means_id == filters.means_id)
    if filters.consignment_reference is not None:
        query = query.where(d.c.consignment_reference == filters.consignment_reference)
    if after is not None:
        query = query.where(tuple_(d.c.accepted_at, d.c.id) < tuple_(*after))
    query = query.order_by(d.c.accepted_at.desc(), d.c.id.desc()).limit(limit)
    return [
        DeclarationSummary(**{**row._asdict(), "status": Status(row.status)})
        for row in await session.execute(query)
    ]


def _columns(declaration: Declaration) -> dict[str, Any]:
    routing = declaration.routing
    return {
        "id": declaration.id,
        "customs_number": declaration.customs_number,
        "declarant": declaration.content.declarant.customs_code,
        "status": declaration.status,
        "mode": routing.mode,
        "offices": routing.offices(),
        "means_id": declaration.content.transport.means_id,
        "consignment_reference": declaration.content.consignment_reference,
        "revision": declaration.revision,
        "accepted_at": declaration.accepted_at,
        "updated_at": declaration.updated_at,
        "routing": routing.model_dump(mode="json"),
        "content": declaration.content.model_dump(mode="json"),
        "progress": declaration.progress,
    }


def _declaration(row: Row[Any]) -> Declaration:
    return Declaration(
        id=row.id,
        customs_number=row.customs_number,
        revision=row.revision,
        status=Status(row.status),
        routing=RoutingPlan.model_validate(row.routing),
        content=DeclarationContent.model_validate(row.content),
        accepted_at=row.accepted_at,
        updated_at=row.updated_at,
        progress=row.progress,
    )


_LODGE = text(
    f"""
    WITH declaration AS (
        INSERT INTO declarations (
            id, customs_number, declarant, status, mode, offices, means_id,
            consignment_reference, revision,
            accepted_at, updated_at, routing, content
        )
        VALUES (
            :id, :number_prefix || lpad(nextval('customs_number_sequence')::text,
                                        {SEQUENCE_DIGITS}, '0'),
            :declarant, :status, :mode, :offices, :means_id, :consignment_reference, 1,
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
    content: DeclarationContent,
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
                "means_id": content.transport.means_id,
                "consignment_reference": content.consignment_reference,
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
    row = await (await statement_driver(session)).fetchrow(_READ, declaration_id, declarant)
    if row is None:
        return None
    declaration = Declaration(
        id=row["id"],
        customs_number=row["customs_number"],
        revision=row["revision"],
        status=Status(row["status"]),
        routing=RoutingPlan.model_validate_json(row["routing"]),
        content=DeclarationContent.model_validate_json(row["content"]),
        accepted_at=row["accepted_at"],
        updated_at=row["updated_at"],
        progress=json.loads(row["progress"]),
    )
    timeline = in_time_order(
        [
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
    )
    return declaration, timeline
