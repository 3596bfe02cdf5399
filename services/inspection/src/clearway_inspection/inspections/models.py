"""Physical inspections: a vehicle (or a whole train) in a site's queue, claimed by one
inspector at a time, with findings recorded vehicle by vehicle."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

CLAIM_IDLE_TIMEOUT = timedelta(minutes=20)


class InspectionStatus(StrEnum):
    WAITING = "waiting"  # in the queue, possibly claimed and under way
    PASSED = "passed"
    FAILED = "failed"
    CLOSED = "closed"  # the declaration was cancelled or left the red lane


@dataclass(frozen=True)
class Inspection:
    id: UUID
    declaration_id: UUID
    customs_number: str
    site_id: str
    appointment_id: UUID | None
    slot_start: datetime | None
    arrived_at: datetime
    checked_in_by: str
    status: InspectionStatus
    claimed_by: str | None = None
    claim_expires_at: datetime | None = None

    def held_by_another(self, inspector: str, now: datetime) -> bool:
        """Someone else claimed it and has not let the claim go idle."""
        return (
            self.claimed_by not in (None, inspector)
            and self.claim_expires_at is not None
            and self.claim_expires_at > now
        )

    def claimed(self, inspector: str, now: datetime) -> "Inspection":
        return replace(self, claimed_by=inspector, claim_expires_at=now + CLAIM_IDLE_TIMEOUT)


@dataclass(frozen=True)
class Finding:
    vin: str  # the declared vehicle this finding is about
    vin_seen: str | None = None
    odometer_km: int | None = None
    condition: str | None = None
    seals: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()
    remarks: str | None = None
    recorded_by: str = ""
    recorded_at: datetime | None = None

    @property
    def vin_matches(self) -> bool | None:
        """Whether the VIN read on the vehicle is the declared one; None until read."""
        return None if self.vin_seen is None else self.vin_seen.upper() == self.vin
