"""Use cases of appointments: the declarant books, reschedules and cancels; missed slots free.

``tenant`` is the forwarder's declarant code: another declarant's declaration or appointment
is answered as not found.
"""

from dataclasses import replace
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.common import Lane
from clearway_contracts.events.inspection import (
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentMissed,
    AppointmentRescheduled,
)
from clearway_inspection.appointments import repository
from clearway_inspection.appointments.models import Appointment, AppointmentStatus
from clearway_inspection.declarations import repository as declarations
from clearway_inspection.declarations.models import TrackedDeclaration
from clearway_inspection.metrics import count_booking
from clearway_inspection.sites import repository as sites
from clearway_inspection.sites.models import Site, Slot, bookable, lead_time
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import Conflict, InvalidInput, NotFound
from clearway_platform.uow import UnitOfWork


async def book(
    *,
    uow: UnitOfWork,
    tenant: str,
    declaration_id: UUID,
    site_id: str,
    slot_start: datetime,
    clock: Clock = system_clock,
) -> Appointment:
    now = clock()
    async with uow:
        # Locking the declaration makes two bookings for it queue, not both succeed.
        declaration = await declarations.get(uow.session, declaration_id, for_update=True)
        if declaration is None or not declaration.owned_by(tenant):
            raise NotFound(f"declaration {declaration_id}")
        refusal = declaration.work_refusal(Lane.RED)
        if refusal is not None:
            raise Conflict(f"no inspection to book: {refusal}")
        if await repository.booked_for(uow.session, declaration_id) is not None:
            raise Conflict("this declaration has a booked appointment: reschedule or cancel it")
        site, slot = await _free_slot(uow.session, declaration, site_id, slot_start, now)
        appointment = Appointment(
            id=uuid4(),
            declaration_id=declaration_id,
            declarant=tenant,
            site_id=site.id,
            slot_start=slot.start,
            slot_end=slot.end,
            status=AppointmentStatus.BOOKED,
        )
        await repository.add(uow.session, appointment, at=now)
        uow.publish(_event(AppointmentBooked, appointment))
        count_booking(uow, site=site.id)
        await uow.commit()
    return appointment


async def reschedule(
    *,
    uow: UnitOfWork,
    tenant: str,
    appointment_id: UUID,
    site_id: str | None,
    slot_start: datetime,
    clock: Clock = system_clock,
) -> Appointment:
    now = clock()
    async with uow:
        current = await _own_booked(uow.session, tenant, appointment_id)
        declaration = await declarations.get(uow.session, current.declaration_id)
        assert declaration is not None
        site_id = site_id or current.site_id
        if (site_id, slot_start) == (current.site_id, current.slot_start):
            return current
        site, slot = await _free_slot(uow.session, declaration, site_id, slot_start, now)
        await sites.free_place(uow.session, current.site_id, current.slot_start)
        moved = replace(current, site_id=site.id, slot_start=slot.start, slot_end=slot.end)
        await repository.update_appointment(uow.session, moved, at=now)
        uow.publish(_event(AppointmentRescheduled, moved))
        await uow.commit()
    return moved


async def cancel(
    *, uow: UnitOfWork, tenant: str, appointment_id: UUID, clock: Clock = system_clock
) -> Appointment:
    async with uow:
        current = await _own_booked(uow.session, tenant, appointment_id)
        cancelled = await _end(uow, current, AppointmentStatus.CANCELLED, now=clock())
        await uow.commit()
    return cancelled


async def get(*, uow: UnitOfWork, tenant: str | None, appointment_id: UUID) -> Appointment:
    """``tenant=None``: an officer or inspector, who may read any appointment."""
    async with uow:
        appointment = await repository.get(uow.session, appointment_id)
    if appointment is None or (tenant is not None and appointment.declarant != tenant):
        raise NotFound(f"appointment {appointment_id}")
    return appointment


async def mark_missed(
    *, uow: UnitOfWork, grace: timedelta, clock: Clock = system_clock, limit: int = 100
) -> int:
    """Appointments whose vehicle has not arrived by the slot's end plus ``grace`` are missed:
    the place is freed and the declarant may book again. Returns how many were marked."""
    now = clock()
    async with uow:
        overdue = await repository.overdue(uow.session, ended_before=now - grace, limit=limit)
        for appointment in overdue:
            await _end(uow, appointment, AppointmentStatus.MISSED, now=now)
        await uow.commit()
    return len(overdue)


async def cancel_booking_of(*, uow: UnitOfWork, declaration_id: UUID, now: datetime) -> None:
    """The declaration went off the red lane or was cancelled: its booking goes too.

    Runs inside the caller's transaction (an event consumer's)."""
    booked = await repository.booked_for(uow.session, declaration_id)
    if booked is not None:
        await _end(uow, booked, AppointmentStatus.CANCELLED, now=now)


async def _free_slot(
    session: AsyncSession,
    declaration: TrackedDeclaration,
    site_id: str,
    slot_start: datetime,
    now: datetime,
) -> tuple[Site, Slot]:
    """The slot asked for, with one place in it taken; or the reason it cannot be had."""
    site = await sites.get(session, site_id)
    if site is None or site.office != declaration.snapshot.routing.inspection_office:
        office = declaration.snapshot.routing.inspection_office
        raise InvalidInput.at("site_id", f"not an inspection site of office {office}")
    slot = site.slot_starting(slot_start)
    if slot is None:
        raise InvalidInput.at(
            "slot_start", f"no slot of {site.id} starts at {slot_start.isoformat()}"
        )
    aeo_level = declaration.snapshot.declarant.aeo_level
    if not bookable(slot, aeo_level=aeo_level, now=now):
        ahead = lead_time(slot, aeo_level)
        reason = (
            f"outside office hours a slot must be booked {ahead // timedelta(hours=1)} hours ahead"
            if ahead
            else "this slot has already started"
        )
        raise InvalidInput.at("slot_start", reason)
    if not await sites.take_place(session, site, slot.start):
        raise Conflict(f"the slot at {slot.start.isoformat()} of {site.id} is full")
    return site, slot


async def _own_booked(session: AsyncSession, tenant: str, appointment_id: UUID) -> Appointment:
    appointment = await repository.get(session, appointment_id, for_update=True)
    if appointment is None or appointment.declarant != tenant:
        raise NotFound(f"appointment {appointment_id}")
    if appointment.status is not AppointmentStatus.BOOKED:
        raise Conflict(f"this appointment is {appointment.status}, no longer booked")
    return appointment


async def _end(
    uow: UnitOfWork, appointment: Appointment, status: AppointmentStatus, *, now: datetime
) -> Appointment:
    ended = replace(appointment, status=status)
    await repository.update_appointment(uow.session, ended, at=now)
    await sites.free_place(uow.session, appointment.site_id, appointment.slot_start)
    event = AppointmentMissed if status is AppointmentStatus.MISSED else AppointmentCancelled
    uow.publish(_event(event, ended))
    return ended


def _event(kind: type[EventPayload], appointment: Appointment) -> EventPayload:
    return kind(
        declaration_id=appointment.declaration_id,
        appointment_id=appointment.id,
        site_id=appointment.site_id,
        slot_start=appointment.slot_start,
        slot_end=appointment.slot_end,
    )
