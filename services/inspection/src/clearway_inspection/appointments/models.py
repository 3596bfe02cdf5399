"""Appointments: a red-lane declaration's place in an inspection slot."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    MISSED = "missed"


@dataclass(frozen=True)
class Appointment:
    id: UUID
    declaration_id: UUID
    declarant: str
    site_id: str
    slot_start: datetime
    slot_end: datetime
    status: AppointmentStatus
