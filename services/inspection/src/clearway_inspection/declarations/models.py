"""Our copy of a declaration: what risk, booking, check-in and the tablet need of it."""

from dataclasses import dataclass
from uuid import UUID

from clearway_contracts.events.common import DeclarationSnapshot, DeclarationStatus, Lane, Vehicle

# While the declaration is in one of these, its lane's check may still be worked on.
OPEN_STATUSES = frozenset({DeclarationStatus.ACCEPTED, DeclarationStatus.UNDER_CONTROL})


@dataclass(frozen=True)
class TrackedDeclaration:
    snapshot: DeclarationSnapshot
    lane: Lane | None
    status: DeclarationStatus = DeclarationStatus.ACCEPTED
    lane_revision: int | None = None  # the revision risk assessed for the lane
    checked_revision: int | None = None  # the revision the lane's last completed check was for

    @property
    def id(self) -> UUID:
        return self.snapshot.declaration_id

    @property
    def revision(self) -> int:
        return self.snapshot.revision

    @property
    def vehicles(self) -> list[Vehicle]:
        return [item.vehicle for item in self.snapshot.items if item.vehicle is not None]

    def owned_by(self, tenant: str | None) -> bool:
        return tenant is not None and self.snapshot.declarant.customs_code == tenant

    @property
    def checked(self) -> bool:
        """The lane's check is done for the revision risk last assessed."""
        return (
            self.lane_revision is not None
            and self.checked_revision is not None
            and self.checked_revision >= self.lane_revision
        )

    def work_refusal(self, lane: Lane) -> str | None:
        """Why the check ``lane`` needs may not be worked on now, or None when it may."""
        if self.status not in OPEN_STATUSES:
            return f"the declaration is {self.status}"
        if self.lane is not lane:
            return f"the declaration is in the {self.lane or 'no'} lane, not {lane}"
        if self.checked:
            return f"its check for revision {self.checked_revision} is complete"
        return None

    @property
    def open_for_inspection(self) -> bool:
        return self.work_refusal(Lane.RED) is None


def identifiers(snapshot: DeclarationSnapshot) -> set[str]:
    """What a gate or an officer may check a declaration in by, besides its customs number."""
    found = {snapshot.transport.means_id}
    for item in snapshot.items:
        if item.vehicle is not None:
            found.add(item.vehicle.vin)
            if item.vehicle.plate:
                found.add(item.vehicle.plate)
    return {value.upper() for value in found}


def changed_vehicles(before: DeclarationSnapshot, after: DeclarationSnapshot) -> set[str]:
    """VINs whose declared item is not the same in ``after`` (changed, added or removed):
    what an inspector found on them was about something else."""

    def by_vin(snapshot: DeclarationSnapshot) -> dict[str, object]:
        return {
            item.vehicle.vin: item.model_dump(exclude={"line"})
            for item in snapshot.items
            if item.vehicle is not None
        }

    old, new = by_vin(before), by_vin(after)
    return {vin for vin in old.keys() | new.keys() if old.get(vin) != new.get(vin)}
