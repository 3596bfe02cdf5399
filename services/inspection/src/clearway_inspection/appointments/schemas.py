"""Request and response bodies of the appointment API."""

from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict

from clearway_inspection.appointments.models import AppointmentStatus


class BookingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site_id: str
    slot_start: AwareDatetime


class RescheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site_id: str | None = None  # the same site unless given
    slot_start: AwareDatetime


class AppointmentOut(BaseModel):
    id: UUID
    declaration_id: UUID
    site_id: str
    slot_start: AwareDatetime
    slot_end: AwareDatetime
    status: AppointmentStatus
