"""Events published by the inspection service."""

from datetime import datetime
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.common import Frozen, Lane, Outcome, Reason

TOPIC = "clearway.inspection.events"


class LaneAssigned(EventPayload):
    event_type: ClassVar[str] = "clearway.inspection.lane_assigned.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "Risk assessment chose a lane for a declaration revision."

    declaration_id: UUID
    revision: int
    lane: Lane
    reasons: list[Reason]
    ruleset_version: int
    inspection_office: str
    assigned_at: datetime


class DocumentCheckCompleted(EventPayload):
    event_type: ClassVar[str] = "clearway.inspection.document_check_completed.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "An officer decided a yellow-lane documentary check."

    declaration_id: UUID
    revision: int
    outcome: Outcome
    reasons: list[Reason]
    officer: str
    completed_at: datetime


class _AppointmentEvent(EventPayload):
    declaration_id: UUID
    appointment_id: UUID
    site_id: str
    slot_start: datetime
    slot_end: datetime


class AppointmentBooked(_AppointmentEvent):
    event_type: ClassVar[str] = "clearway.inspection.appointment_booked.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "The declarant booked an inspection slot."


class AppointmentRescheduled(_AppointmentEvent):
    event_type: ClassVar[str] = "clearway.inspection.appointment_rescheduled.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "The declarant moved an appointment to another slot."


class AppointmentCancelled(_AppointmentEvent):
    event_type: ClassVar[str] = "clearway.inspection.appointment_cancelled.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "The declarant cancelled an appointment."


class AppointmentMissed(_AppointmentEvent):
    event_type: ClassVar[str] = "clearway.inspection.appointment_missed.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "The vehicle did not arrive by the slot's end plus grace; slot freed."


class VehicleArrived(EventPayload):
    event_type: ClassVar[str] = "clearway.inspection.vehicle_arrived.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "A vehicle checked in at an inspection site and joined its queue."

    declaration_id: UUID
    site_id: str
    appointment_id: UUID | None
    arrived_at: datetime
    checked_in_by: str


class DiscrepancyKind(StrEnum):
    VIN_MISMATCH = "vin_mismatch"  # the VIN read on the vehicle is not the declared one
    SEAL_BROKEN = "seal_broken"  # a seal is broken, missing or differs


class AcceptedDiscrepancy(Frozen):
    """A discrepancy an inspector found and still passed, with the reason they gave."""

    vin: str
    kind: DiscrepancyKind
    reason: str


class InspectionCompleted(EventPayload):
    event_type: ClassVar[str] = "clearway.inspection.completed.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "Inspectors finished a physical inspection with an outcome."

    declaration_id: UUID
    revision: int
    site_id: str
    outcome: Outcome
    reasons: list[Reason]
    inspector: str
    vehicles_inspected: int
    accepted_discrepancies: list[AcceptedDiscrepancy] = []
    completed_at: datetime
