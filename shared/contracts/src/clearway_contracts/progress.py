"""A declaration's progress, timeline and summary as the public API answers them.

The declaration service builds these answers and the gateway documents them: one model on
both sides, so the OpenAPI document types every field the service returns (the request bodies
stay two copies held to one shape by a test: the gateway must refuse bad input itself).
"""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field

from clearway_contracts.events.common import ClearanceMode, DeclarationStatus, Lane, Outcome, Reason
from clearway_contracts.events.release import TransitRecord


class AppointmentState(StrEnum):
    BOOKED = "booked"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    MISSED = "missed"


class LaneView(BaseModel):
    lane: Lane
    reasons: list[Reason]
    revision: int
    ruleset_version: int
    inspection_office: str
    assigned_at: datetime


class CheckView(BaseModel):
    revision: int
    outcome: Outcome
    reasons: list[Reason]
    officer: str
    completed_at: datetime


class AppointmentView(BaseModel):
    appointment_id: UUID
    site_id: str
    slot_start: datetime
    slot_end: datetime
    state: AppointmentState


class SiteArrivalView(BaseModel):
    site_id: str
    appointment_id: UUID | None = None
    arrived_at: datetime


class InspectionView(BaseModel):
    revision: int
    site_id: str
    outcome: Outcome
    reasons: list[Reason]
    inspector: str
    vehicles_inspected: int
    completed_at: datetime


class ReleaseView(BaseModel):
    release_number: str
    office: str
    released_at: datetime
    transit: TransitRecord | None = None


class RefusalView(BaseModel):
    office: str
    reasons: list[Reason]
    refused_at: datetime


class OverdueView(BaseModel):
    deadline: datetime
    detected_at: datetime


class ExitArrivalView(BaseModel):
    office: str
    arrived_at: datetime
    seals_intact: bool
    held: bool
    remarks: str | None = None


class HoldDecisionView(BaseModel):
    office: str
    released: bool
    remarks: str
    officer: str
    decided_at: datetime


class ExitView(BaseModel):
    office: str
    vins: list[str]
    complete: bool
    exited_at: datetime


class Progress(BaseModel):
    """What the inspection and release services reported; a step not taken is absent."""

    lane: LaneView | None = None
    document_check: CheckView | None = None
    appointment: AppointmentView | None = None
    site_arrival: SiteArrivalView | None = None
    inspection: InspectionView | None = None
    release: ReleaseView | None = None
    refusal: RefusalView | None = None
    transit_overdue: OverdueView | None = None
    exit_arrival: ExitArrivalView | None = None
    hold_decision: HoldDecisionView | None = None
    exits: list[ExitView] = []


class TimelineEntry(BaseModel):
    """One step of the lifecycle. The timeline is in the order the steps happened (``at``);
    a step recorded at the same instant as the one that caused it comes after it."""

    at: datetime
    kind: str = Field(description="what happened: accepted, lane_assigned, released, ...")
    previous_status: DeclarationStatus | None = None
    status: DeclarationStatus
    cause: str = Field(description="the event id, or who acted")
    detail: str | None = None
    refused: bool = Field(description="true when the lifecycle did not allow it")


class DeclarationSummary(BaseModel):
    """One row of a list of declarations."""

    id: UUID
    customs_number: str
    declarant: str
    status: DeclarationStatus
    mode: ClearanceMode
    offices: list[str]
    destination_country: str
    item_count: int
    lane: Lane | None = Field(None, description="the lane risk assigned, if it did yet")
    means_id: str = Field(description="the transport: plate, wagon or train number, vessel, flight")
    consignment_reference: str | None = Field(
        None, description="the forwarder's reference of the whole train or convoy"
    )
    accepted_at: datetime
    updated_at: datetime
