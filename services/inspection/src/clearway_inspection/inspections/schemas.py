"""Request and response bodies of check-in and the inspectors' tablet API."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from clearway_contracts.events.common import Outcome, Reason, Vehicle
from clearway_contracts.events.inspection import AcceptedDiscrepancy
from clearway_contracts.input_policy import MultiLineText, RequestModel
from clearway_inspection.inspections.models import InspectionStatus
from clearway_platform.web.fields import Revision


class Arrival(RequestModel):
    reference: str = Field(
        min_length=1, max_length=32, description="customs number, VIN or vehicle plate"
    )


class InspectionOut(BaseModel):
    id: UUID
    declaration_id: UUID
    customs_number: str
    site_id: str
    appointment_id: UUID | None
    slot_start: datetime | None
    arrived_at: datetime
    checked_in_by: str
    status: InspectionStatus
    claimed_by: str | None
    claim_expires_at: datetime | None
    revision: int | None = Field(description="the declaration revision decided, once complete")


class FindingIn(RequestModel):
    vin_seen: str | None = Field(None, min_length=1, max_length=17)
    odometer_km: int | None = Field(None, ge=0)
    condition: str | None = Field(None, max_length=200)
    seals: list[str] = []
    seals_intact: bool | None = Field(
        None, description="false when a seal is broken, missing or differs"
    )
    damaged: bool | None = Field(None, description="true: say what the damage is in remarks")
    photos: list[str] = Field([], description="references of photos already uploaded")
    remarks: MultiLineText | None = Field(None, max_length=4000)


class FindingOut(FindingIn):
    vin: str
    vin_matches: bool | None
    recorded_by: str
    recorded_at: datetime


class InspectionDetailOut(BaseModel):
    inspection: InspectionOut
    revision: int = Field(
        description="the declaration's current revision: send it with the outcome"
    )
    vehicles: list[Vehicle]
    findings: list[FindingOut]
    vehicles_inspected: int


class OutcomeIn(RequestModel):
    revision: Revision
    outcome: Outcome
    reasons: list[Reason] = []
    accepted_discrepancies: list[AcceptedDiscrepancy] = Field(
        [],
        description="passing despite a VIN mismatch or a broken seal: each one, with the reason",
    )
