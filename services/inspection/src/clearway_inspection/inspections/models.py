"""Physical inspections: a vehicle (or a whole train) in a site's queue, claimed by one
inspector at a time, with findings recorded vehicle by vehicle.

An inspection passes only when it happened: the inspector holds the claim, every declared
vehicle has a finding with its VIN read, and every discrepancy found (a VIN that is not the
declared one, a broken seal) is accepted explicitly, with a reason, by the inspector who
passes it. Anything else fails with reasons, or waits.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from clearway_contracts.events.inspection import AcceptedDiscrepancy, DiscrepancyKind
from clearway_platform.domain_errors import Conflict, InvalidInput, Violation

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
    revision: int | None = None  # the declaration revision decided, once complete

    def held_by_another(self, inspector: str, now: datetime) -> bool:
        """Someone else claimed it and has not let the claim go idle."""
        return (
            self.claimed_by not in (None, inspector)
            and self.claim_expires_at is not None
            and self.claim_expires_at > now
        )

    def held_by(self, inspector: str, now: datetime) -> bool:
        return (
            self.claimed_by == inspector
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
    seals_intact: bool | None = None  # None: nothing sealed, or not looked at
    damaged: bool | None = None  # the remarks say what the damage is
    photos: tuple[str, ...] = ()
    remarks: str | None = None
    recorded_by: str = ""
    recorded_at: datetime | None = None

    @property
    def vin_matches(self) -> bool | None:
        """Whether the VIN read on the vehicle is the declared one; None until read."""
        return None if self.vin_seen is None else self.vin_seen.upper() == self.vin

    @property
    def discrepancies(self) -> list[DiscrepancyKind]:
        found = []
        if self.vin_matches is False:
            found.append(DiscrepancyKind.VIN_MISMATCH)
        if self.seals_intact is False:
            found.append(DiscrepancyKind.SEAL_BROKEN)
        return found


class DamageNoteRequired(InvalidInput):
    """A damaged vehicle's finding must say what the damage is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, [Violation("remarks", reason)])


def check_finding(finding: Finding) -> None:
    if finding.damaged and not (finding.remarks or "").strip():
        raise DamageNoteRequired("say what the damage is in the remarks")


@dataclass(frozen=True)
class Shortfall:
    """Why a vehicle stops an inspection from passing."""

    vin: str
    reason: str


class CannotPass(Conflict):
    """An inspection that may not pass yet: each shortfall names its vehicle."""

    def __init__(self, shortfalls: Sequence[Shortfall]) -> None:
        super().__init__(
            "a pass needs a finding with the VIN read for every declared vehicle, and a reason "
            "for every discrepancy accepted; nothing was recorded",
            [Violation(f"vehicles.{s.vin}", s.reason) for s in shortfalls],
        )
        self.shortfalls = tuple(shortfalls)


def passing(
    declared: Sequence[str],
    findings: Iterable[Finding],
    accepted: Iterable[AcceptedDiscrepancy],
) -> list[AcceptedDiscrepancy]:
    """The discrepancies a pass accepts; raises CannotPass naming every vehicle that stops it:
    no finding, its VIN not read, or a discrepancy not accepted with a reason."""
    by_vin = {finding.vin: finding for finding in findings}
    accepting = {(a.vin, a.kind): a for a in accepted}
    shortfalls: list[Shortfall] = []
    used: list[AcceptedDiscrepancy] = []
    for vin in declared:
        finding = by_vin.get(vin)
        if finding is None:
            shortfalls.append(Shortfall(vin, "no finding recorded"))
        elif finding.vin_seen is None:
            shortfalls.append(Shortfall(vin, "the VIN on the vehicle was not read"))
        else:
            for kind in finding.discrepancies:
                acceptance = accepting.pop((vin, kind), None)
                if acceptance is None or not acceptance.reason.strip():
                    shortfalls.append(Shortfall(vin, f"{kind}: pass it only with a reason"))
                else:
                    used.append(acceptance)
    shortfalls += [Shortfall(vin, f"no {kind} was found to accept") for vin, kind in accepting]
    if shortfalls:
        raise CannotPass(shortfalls)
    return used
