"""Appointments, read with the declarant that owns them."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import RowMapping, Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_inspection.appointments.models import Appointment, AppointmentStatus
from clearway_inspection.db import appointments, declarations


def _with_declarant() -> Select[tuple[object, ...]]:
    return select(appointments, declarations.c.declarant).join(
        declarations, declarations.c.id == appointments.c.declaration_id
    )


async def add(session: AsyncSession, appointment: Appointment, *, at: datetime) -> None:
    await session.execute(
        appointments.insert().values(
            id=appointment.id,
            declaration_id=appointment.declaration_id,
            site_id=appointment.site_id,
            slot_start=appointment.slot_start,
            slot_end=appointment.slot_end,
            status=appointment.status,
            booked_at=at,
            updated_at=at,
        )
    )


async def get(
    session: AsyncSession, appointment_id: UUID, *, for_update: bool = False
) -> Appointment | None:
    query = _with_declarant().where(appointments.c.id == appointment_id)
    if for_update:
        query = query.with_for_update(of=appointments)
    row = (await session.execute(query)).mappings().first()
    return _appointment(row) if row else None


async def booked_for(session: AsyncSession, declaration_id: UUID) -> Appointment | None:
    """The declaration's booked appointment, locked."""
    query = _with_declarant().where(
        appointments.c.declaration_id == declaration_id,
        appointments.c.status == AppointmentStatus.BOOKED,
    )
    row = (await session.execute(query.with_for_update(of=appointments))).mappings().first()
    return _appointment(row) if row else None


async def overdue(
    session: AsyncSession, *, ended_before: datetime, limit: int
) -> list[Appointment]:
    """Booked appointments whose slot ended before ``ended_before``; locked, skipping others'."""
    query = (
        _with_declarant()
        .where(
            appointments.c.status == AppointmentStatus.BOOKED,
            appointments.c.slot_end < ended_before,
        )
        .order_by(appointments.c.slot_end)
        .limit(limit)
        .with_for_update(of=appointments, skip_locked=True)
    )
    return [_appointment(row) for row in (await session.execute(query)).mappings()]


async def mark_arrived(session: AsyncSession, appointment_id: UUID, *, at: datetime) -> None:
    await session.execute(
        update(appointments)
        .where(appointments.c.id == appointment_id)
        .values(status=AppointmentStatus.ARRIVED, updated_at=at)
    )


async def update_appointment(
    session: AsyncSession, appointment: Appointment, *, at: datetime
) -> None:
    await session.execute(
        update(appointments)
        .where(appointments.c.id == appointment.id)
        .values(
            site_id=appointment.site_id,
            slot_start=appointment.slot_start,
            slot_end=appointment.slot_end,
            status=appointment.status,
            updated_at=at,
        )
    )


def _appointment(row: RowMapping) -> Appointment:
    return Appointment(
        id=row["id"],
        declaration_id=row["declaration_id"],
        declarant=row["declarant"],
        site_id=row["site_id"],
        slot_start=row["slot_start"],
        slot_end=row["slot_end"],
        status=AppointmentStatus(row["status"]),
    )
