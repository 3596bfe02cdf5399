"""Our copy of a declaration: what risk, booking, check-in and the tablet need of it."""

from dataclasses import dataclass
from uuid import UUID

from clearway_shared.events.common import DeclarationSnapshot, Lane


@dataclass(frozen=True)
class TrackedDeclaration:
    snapshot: DeclarationSnapshot
    lane: Lane | None
    cancelled: bool

    @property
    def id(self) -> UUID:
        return self.snapshot.declaration_id

    def owned_by(self, tenant: str | None) -> bool:
        return tenant is not None and self.snapshot.declarant.customs_code == tenant

    @property
    def open_for_inspection(self) -> bool:
        return self.lane is Lane.RED and not self.cancelled


def identifiers(snapshot: DeclarationSnapshot) -> set[str]:
    """What a gate or an officer may check a declaration in by, besides its customs number."""
    found = {snapshot.transport.means_id}
    for item in snapshot.items:
        if item.vehicle is not None:
            found.add(item.vehicle.vin)
            if item.vehicle.plate:
                found.add(item.vehicle.plate)
    return {value.upper() for value in found}
