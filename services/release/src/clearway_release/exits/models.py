"""Exit confirmation: the goods left the country, all at once or vehicle by vehicle.

A car-carrier train may leave in parts, so exit is confirmed per VIN; the declaration has
exited when every declared vehicle has (a declaration without vehicles exits as a whole).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class UnknownVehicle(ValueError):
    index: int
    vin: str

    def __str__(self) -> str:
        return f"{self.vin} is not a vehicle of this declaration"


@dataclass(frozen=True)
class AlreadyExited(ValueError):
    vins: tuple[str, ...]

    def __str__(self) -> str:
        return f"already exited: {', '.join(self.vins)}"


@dataclass(frozen=True)
class ExitPlan:
    vins: tuple[str, ...]  # the vehicles leaving now
    complete: bool  # nothing declared is left behind


def plan_exit(
    *, declared: Sequence[str], exited: Collection[str], requested: Sequence[str] | None
) -> ExitPlan:
    """Which vehicles leave now; ``requested=None`` means everything that has not left yet."""
    remaining = [vin for vin in declared if vin not in exited]
    if requested is None:
        return ExitPlan(vins=tuple(remaining), complete=True)
    known = set(declared)
    for index, vin in enumerate(requested):
        if vin not in known:
            raise UnknownVehicle(index, vin)
    again = tuple(vin for vin in requested if vin in exited)
    if again:
        raise AlreadyExited(again)
    leaving = tuple(dict.fromkeys(requested))  # a VIN named twice leaves once
    return ExitPlan(vins=leaving, complete=set(remaining) <= set(leaving))
