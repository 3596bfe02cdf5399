"""The declarant books, reschedules and cancels inspection appointments."""

from dataclasses import asdict
from uuid import UUID

from fastapi import APIRouter, status

from clearway_inspection.appointments import service
from clearway_inspection.appointments.models import Appointment
from clearway_inspection.appointments.schemas import (
    AppointmentOut,
    BookingRequest,
    RescheduleRequest,
)
from clearway_inspection.deps import ClockDep, DeclarantDep, TenantScopeDep, UowDep

router = APIRouter(prefix="/v1", tags=["appointments"])


@router.post(
    "/declarations/{declaration_id}/appointments",
    status_code=status.HTTP_201_CREATED,
    summary="Book an inspection slot for a red-lane declaration",
)
async def book(
    declaration_id: UUID,
    body: BookingRequest,
    uow: UowDep,
    declarant: DeclarantDep,
    clock: ClockDep,
) -> AppointmentOut:
    appointment = await service.book(
        uow=uow,
        tenant=declarant,
        declaration_id=declaration_id,
        site_id=body.site_id,
        slot_start=body.slot_start,
        clock=clock,
    )
    return _out(appointment)


@router.get("/appointments/{appointment_id}", summary="An appointment")
async def get(appointment_id: UUID, uow: UowDep, tenant: TenantScopeDep) -> AppointmentOut:
    return _out(await service.get(uow=uow, tenant=tenant, appointment_id=appointment_id))


@router.post("/appointments/{appointment_id}/reschedule", summary="Move to another slot")
async def reschedule(
    appointment_id: UUID,
    body: RescheduleRequest,
    uow: UowDep,
    declarant: DeclarantDep,
    clock: ClockDep,
) -> AppointmentOut:
    appointment = await service.reschedule(
        uow=uow,
        tenant=declarant,
        appointment_id=appointment_id,
        site_id=body.site_id,
        slot_start=body.slot_start,
        clock=clock,
    )
    return _out(appointment)


@router.post("/appointments/{appointment_id}/cancel", summary="Cancel; the place is freed")
async def cancel(
    appointment_id: UUID, uow: UowDep, declarant: DeclarantDep, clock: ClockDep
) -> AppointmentOut:
    appointment = await service.cancel(
        uow=uow, tenant=declarant, appointment_id=appointment_id, clock=clock
    )
    return _out(appointment)


def _out(appointment: Appointment) -> AppointmentOut:
    fields = asdict(appointment)
    del fields["declarant"]
    return AppointmentOut.model_validate(fields)
