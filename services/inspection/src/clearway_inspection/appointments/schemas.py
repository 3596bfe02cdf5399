"""Request and response bodies of the appointment API."""

from uuid import UUID

from pydantic import AwareDatetime, BaseModel

from clearway_contracts.input_policy import RequestModel
from clearway_inspection.appointments.models import AppointmentStatus


class BookingRequest(RequestModel):
    site_id: str
    slot_start: AwareDatetime


class RescheduleRequest(RequestModel):
    site_id: str | None = None  # the same site unless given
    slot_start: AwareDatetime


class AppointmentOut(BaseModel):
    id: UUID
    declaration_id: UUID
    site_id: str
    slot_start: AwareDatetime
    slot_end: AwareDatetime
    status: AppointmentStatus
