"""Reads and writes of our declaration copies."""

from uuid import UUID

from sqlalchemy import RowMapping, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_inspection.db import declarations, vehicle_identifiers
from clearway_inspection.declarations.models import TrackedDeclaration, identifiers
from clearway_shared.events.common import DeclarationSnapshot, Lane


async def insert_new(session: AsyncSession, snapshot: DeclarationSnapshot) -> bool:
    """Keep a copy of a newly accepted declaration; False when we already had it."""
    inserted = await session.execute(
        insert(declarations)
        .values(id=snapshot.declaration_id, **_columns(snapshot))
        .on_conflict_do_nothing(index_elements=[declarations.c.id])
        .returning(declarations.c.id)
    )
    if inserted.first() is None:
        return False
    await _save_identifiers(session, snapshot)
    return True


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


async def find_open_by_reference(session: AsyncSession, reference: str) -> list[TrackedDeclaration]:
    """Red-lane, live declarations with this customs number, VIN, plate or means id."""
    by_identifier = select(vehicle_identifiers.c.declaration_id).where(
        vehicle_identifiers.c.identifier == reference.upper()
    )
    rows = await session.execute(
        select(declarations).where(
            (declarations.c.customs_number == reference) | declarations.c.id.in_(by_identifier),
            declarations.c.lane == Lane.RED,
            declarations.c.cancelled.is_(False),
        )
    )
    return [_tracked(row) for row in rows.mappings()]


async def set_lane(session: AsyncSession, declaration_id: UUID, lane: Lane) -> None:
    await session.execute(
        update(declarations).where(declarations.c.id == declaration_id).values(lane=lane)
    )


async def mark_cancelled(session: AsyncSession, declaration_id: UUID) -> bool:
    """False when we never saw the declaration or it was cancelled already."""
    changed = await session.execute(
        update(declarations)
        .where(declarations.c.id == declaration_id, declarations.c.cancelled.is_(False))
        .values(cancelled=True)
        .returning(declarations.c.id)
    )
    return changed.first() is not None


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
        cancelled=row["cancelled"],
    )
