"""Reads and writes of our declaration copies."""

from uuid import UUID

from sqlalchemy import RowMapping, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import DeclarationSnapshot, DeclarationStatus, Lane
from clearway_inspection.db import declarations, vehicle_identifiers
from clearway_inspection.declarations.models import TrackedDeclaration, identifiers
from clearway_platform.driver import driver

_INSERT_NEW = """
    WITH declaration AS (
        INSERT INTO declarations (
            id, customs_number, revision, declarant, aeo_level, inspection_office, lane,
            lane_revision, snapshot
        )
        VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $8::jsonb)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
    ), identifiers AS (
        INSERT INTO vehicle_identifiers (declaration_id, identifier)
        SELECT id, unnest($9::text[]) FROM declaration
    )
    SELECT count(*) FROM declaration
"""


async def insert_new(session: AsyncSession, snapshot: DeclarationSnapshot, *, lane: Lane) -> bool:
    """Keep a copy of a newly accepted declaration, in ``lane``, with its vehicle identifiers;
    False when we already had it. One statement on asyncpg: it is on every acceptance."""
    inserted = await (await driver(session)).fetchval(
        _INSERT_NEW,
        snapshot.declaration_id,
        snapshot.customs_number,
        snapshot.revision,
        snapshot.declarant.customs_code,
        snapshot.declarant.aeo_level,
        snapshot.routing.inspection_office,
        lane,
        snapshot.model_dump_json(),
        sorted(identifiers(snapshot)),
    )
    return bool(inserted)


async def replace(session: AsyncSession, snapshot: DeclarationSnapshot) -> None:
    await session.execute(
        update(declarations)
        .where(declarations.c.id == snapshot.declaration_id)
        .values(**_columns(snapshot))
    )
    await session.execute(
        delete(vehicle_identifiers).where(
            vehicle_identifiers.c.declaration_id == snapshot.declaration_id
        )
    )
    await _save_identifiers(session, snapshot)


async def get(
    session: AsyncSession, declaration_id: UUID, *, for_update: bool = False
) -> TrackedDeclaration | None:
    query = select(declarations).where(declarations.c.id == declaration_id)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).mappings().first()
    return _tracked(row) if row else None


async def find_by_reference(
    session: AsyncSession, reference: str, *, office: str
) -> list[TrackedDeclaration]:
    """Declarations inspected at ``office`` with this customs number, VIN, plate or means id,
    newest first."""
    by_identifier = select(vehicle_identifiers.c.declaration_id).where(
        vehicle_identifiers.c.identifier == reference.upper()
    )
    rows = await session.execute(
        select(declarations)
        .where(
            (declarations.c.customs_number == reference) | declarations.c.id.in_(by_identifier),
            declarations.c.inspection_office == office,
        )
        .order_by(declarations.c.customs_number.desc())
    )
    return [_tracked(row) for row in rows.mappings()]


async def set_lane(session: AsyncSession, declaration_id: UUID, lane: Lane, revision: int) -> None:
    await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration_id)
        .values(lane=lane, lane_revision=revision)
    )


async def set_status(
    session: AsyncSession, declaration_id: UUID, status: DeclarationStatus
) -> DeclarationStatus | None:
    """Record the declaration's status; returns the one before, None if we never saw it."""
    before = await session.scalar(
        select(declarations.c.status).where(declarations.c.id == declaration_id).with_for_update()
    )
    if before is None:
        return None
    await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration_id)
        .values(status=status, cancelled=status == DeclarationStatus.CANCELLED)
    )
    return DeclarationStatus(before)


async def mark_checked(session: AsyncSession, declaration_id: UUID, revision: int) -> None:
    """The lane's check was completed for ``revision``."""
    await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration_id)
        .values(checked_revision=revision)
    )


def _columns(snapshot: DeclarationSnapshot) -> dict[str, object]:
    return {
        "customs_number": snapshot.customs_number,
        "revision": snapshot.revision,
        "declarant": snapshot.declarant.customs_code,
        "aeo_level": snapshot.declarant.aeo_level,
        "inspection_office": snapshot.routing.inspection_office,
        "snapshot": snapshot.model_dump(mode="json"),
    }


async def _save_identifiers(session: AsyncSession, snapshot: DeclarationSnapshot) -> None:
    await session.execute(
        insert(vehicle_identifiers),
        [
            {"declaration_id": snapshot.declaration_id, "identifier": value}
            for value in identifiers(snapshot)
        ],
    )


def _tracked(row: RowMapping) -> TrackedDeclaration:
    return TrackedDeclaration(
        snapshot=DeclarationSnapshot.model_validate(row["snapshot"]),
        lane=Lane(row["lane"]) if row["lane"] else None,
        status=DeclarationStatus(row["status"]),
        lane_revision=row["lane_revision"],
        checked_revision=row["checked_revision"],
    )
