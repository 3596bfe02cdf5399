"""Vehicle exits in PostgreSQL."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_release.db import vehicle_exits


async def exited_vins(session: AsyncSession, declaration_id: UUID) -> list[str]:
    rows = await session.scalars(
        select(vehicle_exits.c.vin)
        .where(vehicle_exits.c.declaration_id == declaration_id)
        .order_by(vehicle_exits.c.exited_at, vehicle_exits.c.vin)
    )
    return list(rows)


async def add(
    session: AsyncSession,
    *,
    declaration_id: UUID,
    vins: Sequence[str],
    office: str,
    officer: str,
    at: datetime,
) -> None:
    if vins:
        await session.execute(
            vehicle_exits.insert(),
            [
                {
                    "declaration_id": declaration_id,
                    "vin": vin,
                    "office": office,
                    "officer": officer,
                    "exited_at": at,
                }
                for vin in vins
            ],
        )
