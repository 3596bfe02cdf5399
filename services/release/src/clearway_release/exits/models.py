"""Exit confirmation: the goods left the country, all at once or vehicle by vehicle.

A car-carrier train may leave in parts, so exit is confirmed per VIN; the declaration has
exited when every declared vehicle has (a declaration without vehicles exits as a whole).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from clearway_platform.domain_errors import Conflict, InvalidInput, Violation


class UnknownVehicle(InvalidInput):
    def __init__(self, index: int, vin: str) -> None:
        reason = f"{vin} is not a vehicle of this declaration"
        super().__init__(reason, [Violation(f"vins[{index}]", reason)])
        self.index = index
        self.vin = vin


class AlreadyExited(Conflict):
    def __init__(self, vins: tuple[str, ...]) -> None:
        super().__init__(f"already exited: {', '.join(vins)}")
        self.vins = vins


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
