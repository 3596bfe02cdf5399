"""Queries on the declaration tables (SQLAlchemy Core through the unit of work's session)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, exists, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import RoutingPlan
from clearway_declaration.db import (
    declarations,
    idempotency_keys,
    timeline,
    vehicles,
)
from clearway_declaration.declarations.models import (
    Declaration,
    DeclarationContent,
    DeclarationFilters,
    DeclarationSummary,
)
from clearway_declaration.lifecycle.models import Status, TimelineEntry, Tracking


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


async def free_vins(session: AsyncSession, declaration_id: UUID) -> None:
    """The declaration is no longer live: its vehicles may be declared again."""
    await session.execute(
        update(vehicles).where(vehicles.c.declaration_id == declaration_id).values(live=False)
    )


async def add_timeline(
    session: AsyncSession, declaration_id: UUID, entries: Sequence[TimelineEntry]
) -> None:
    await session.execute(
        timeline.insert(),
        [
            {
                "declaration_id": declaration_id,
                "at": entry.at,
                "kind": entry.kind,
                "previous_status": entry.previous_status,
                "status": entry.status,
                "cause": entry.cause,
                "detail": entry.detail,
                "refused": entry.refused,
            }
            for entry in entries
        ],
    )


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


async def history(session: AsyncSession, declaration_id: UUID) -> list[TimelineEntry]:
    rows = await session.execute(
        select(timeline).where(timeline.c.declaration_id == declaration_id).order_by(timeline.c.id)
    )
    return [
        TimelineEntry(
            at=row.at,
            kind=row.kind,
            previous_status=Status(row.previous_status) if row.previous_status else None,
            status=Status(row.status),
            cause=row.cause,
            detail=row.detail,
            refused=row.refused,
        )
        for row in rows
    ]


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
    if after is not None:
        query = query.where(tuple_(d.c.accepted_at, d.c.id) < tuple_(*after))
    query = query.order_by(d.c.accepted_at.desc(), d.c.id.desc()).limit(limit)
    return [
        DeclarationSummary(**{**row._asdict(), "status": Status(row.status)})
        for row in await session.execute(query)
    ]


def offices(routing: RoutingPlan) -> list[str]:
    """Every office of the routing plan, for the office filter."""
    named = {
        routing.declaring_office,
        routing.inspection_office,
        routing.release_office,
        routing.exit_office,
        *([routing.departure_office] if routing.departure_office else []),
    }
    return sorted(named)


def _columns(declaration: Declaration) -> dict[str, Any]:
    routing = declaration.routing
    return {
        "id": declaration.id,
        "customs_number": declaration.customs_number,
        "declarant": declaration.content.declarant.customs_code,
        "status": declaration.status,
        "mode": routing.mode,
        "offices": offices(routing),
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


async def lock_tracking(session: AsyncSession, declaration_id: UUID) -> Tracking | None:
    """The status, revision and read model of a declaration, held for update."""
    row = (
        await session.execute(
            select(
                declarations.c.customs_number,
                declarations.c.status,
                declarations.c.revision,
                declarations.c.progress,
            )
            .where(declarations.c.id == declaration_id)
            .with_for_update()
        )
    ).first()
    if row is None:
        return None
    return Tracking(
        customs_number=row.customs_number,
        status=Status(row.status),
        revision=row.revision,
        progress=row.progress,
    )


async def update_tracking(
    session: AsyncSession, declaration_id: UUID, tracking: Tracking, *, at: datetime
) -> None:
    await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration_id)
        .values(status=tracking.status, progress=dict(tracking.progress), updated_at=at)
    )
