"""The statistics read model's facts and questions, in pure Python.

A declaration counts once, with the facts of its highest revision; a day is a date in China
Standard Time, the one time zone of every customs office Clearway serves, so "the 3rd at
Horgos" means the same day to every officer whatever the server's clock says.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from clearway_contracts.events.common import DeclarationSnapshot, PowerType
from clearway_platform.domain_errors import InvalidInput

CUSTOMS_TIME_ZONE = ZoneInfo("Asia/Shanghai")
MAX_PERIOD_DAYS = 366
NEW_THREE = frozenset({PowerType.BEV, PowerType.PHEV, PowerType.FCEV})  # 新三样: NEVs


def customs_day(moment: datetime) -> date:
    """The date ``moment`` falls on at the border."""
    return moment.astimezone(CUSTOMS_TIME_ZONE).date()


@dataclass(frozen=True)
class VehicleFact:
    line: int
    power: str
    condition: str


@dataclass(frozen=True)
class DeclarationFacts:
    """What the statistics keep of one revision of a declaration."""

    declaration_id: UUID
    revision: int
    office: str
    mode: str
    destination_country: str
    lodged_at: datetime
    vehicles: tuple[VehicleFact, ...]

    @property
    def day(self) -> date:
        return customs_day(self.lodged_at)


def facts_of(snapshot: DeclarationSnapshot) -> DeclarationFacts:
    return DeclarationFacts(
        declaration_id=snapshot.declaration_id,
        revision=snapshot.revision,
        office=snapshot.routing.declaring_office,
        mode=snapshot.routing.mode.value,
        destination_country=snapshot.destination_country,
        lodged_at=snapshot.accepted_at,
        vehicles=tuple(
            VehicleFact(item.line, item.vehicle.power.value, item.vehicle.condition.value)
            for item in snapshot.items
            if item.vehicle is not None
        ),
    )


class GroupBy(StrEnum):
    """How declarations and vehicles per day are broken down."""

    OFFICE = "office"
    MODE = "mode"
    DESTINATION = "destination"
    POWER = "power"  # counts vehicles: a declaration may carry several kinds
    CONDITION = "condition"  # new or used; counts vehicles


@dataclass(frozen=True)
class Period:
    """Days ``first`` to ``last``, both included, at the border."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput.at("to", "must not be before from")
        if self.days > MAX_PERIOD_DAYS:
            raise InvalidInput.at("to", f"a period spans at most {MAX_PERIOD_DAYS} days")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @classmethod
    def ending(cls, last: date, *, days: int = 30) -> "Period":
        try:
            return cls(last - timedelta(days=days - 1), last)
        except OverflowError:
            raise InvalidInput.at("to", "is before the first day there can be") from None


@dataclass(frozen=True)
class Question:
    period: Period
    office: str | None = None


@dataclass(frozen=True)
class Count:
    day: date
    key: str
    declarations: int
    vehicles: int


@dataclass(frozen=True)
class Share:
    key: str
    count: int
    share: float  # of the total, 0..1


def shares(counts: Mapping[str, int]) -> list[Share]:
    """Each key's part of the whole, largest first (ties by key); empty for nothing counted."""
    total = sum(counts.values())
    if total == 0:
        return []
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [Share(key, count, count / total) for key, count in ordered]


def new_three_share(vehicles_by_power: Mapping[str, int]) -> float | None:
    """The share of new-energy vehicles (BEV, PHEV, FCEV) among all; None for no vehicles."""
    total = sum(vehicles_by_power.values())
    if total == 0:
        return None
    return sum(n for power, n in vehicles_by_power.items() if power in NEW_THREE) / total


@dataclass(frozen=True)
class Durations:
    """Percentiles of the time from lodging to release, or to exit, of one office and lane."""

    office: str
    lane: str
    stage: str  # "release" or "exit"
    count: int
    p50_seconds: float
    p90_seconds: float
    p99_seconds: float


@dataclass(frozen=True)
class SlotUse:
    """One inspection site's appointments on one day."""

    day: date
    site_id: str
    booked: int  # still booked (neither cancelled nor missed)
    arrived: int
    missed: int
    cancelled: int

    @property
    def show_rate(self) -> float | None:
        held = self.booked + self.missed
        return None if held == 0 else self.arrived / held


def totals(counts: Iterable[Count]) -> dict[str, int]:
    """Vehicles per key over a whole period."""
    summed: dict[str, int] = {}
    for count in counts:
        summed[count.key] = summed.get(count.key, 0) + count.vehicles
    return summed
