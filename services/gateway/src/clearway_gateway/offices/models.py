"""Customs offices and their calendars: pure reference data, no I/O.

An office keeps office hours in its own IANA time zone, or clears around the clock (``24h``).
Declarations are accepted at any hour; an office outside its hours holds the work for its
next opening, so the questions asked here are "open at this instant?" and "when next?".
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from zoneinfo import ZoneInfo


class OfficeKind(StrEnum):
    PORT = "port"  # goods can leave the country here
    INLAND = "inland"


class Carriage(StrEnum):
    """How goods physically move; an office serves some of these."""

    ROAD = "road"
    RAIL = "rail"
    SEA = "sea"
    AIR = "air"


class Weekday(IntEnum):
    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6


EVERY_DAY = frozenset(Weekday)


@dataclass(frozen=True)
class Calendar:
    """Weekly opening hours in a time zone; ``hours=None`` means open 24 hours a day.

    One period a day, closing after it opens (no shift across midnight): what every office
    in the reference data keeps.
    """

    time_zone: str
    days: frozenset[Weekday] = EVERY_DAY
    opens: time | None = None
    closes: time | None = None

    def __post_init__(self) -> None:
        ZoneInfo(self.time_zone)  # raises for an unknown zone
        if (self.opens is None) != (self.closes is None):
            raise ValueError("give both opening and closing times, or neither for 24h")
        if self.opens is not None and self.closes is not None:
            if self.closes <= self.opens:
                raise ValueError("closes must be after opens")
            if not self.days:
                raise ValueError("an office keeping hours opens on at least one day")

    @property
    def always_open(self) -> bool:
        return self.opens is None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_open(self, at: datetime) -> bool:
        if self.opens is None or self.closes is None:
            return True
        local = at.astimezone(self.zone)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, at: datetime) -> datetime | None:
        """When the office next opens after ``at`` (in UTC); None if it is open at ``at``."""
        if self.opens is None or self.is_open(at):
            return None
        local_day = at.astimezone(self.zone).date()
        for offset in range(8):
            opening = self._opening_on(local_day + timedelta(days=offset))
            if opening is not None and opening > at:
                return opening
        raise AssertionError("a calendar with open days opens within a week")

    def _opening_on(self, day: date) -> datetime | None:
        if day.weekday() not in self.days or self.opens is None:
            return None
        # Through UTC, so an opening inside a DST gap lands on the real instant.
        return datetime.combine(day, self.opens, tzinfo=self.zone).astimezone(UTC)


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    kind: OfficeKind
    carriages: frozenset[Carriage]
    calendar: Calendar
    version: int = 1

    @property
    def is_port(self) -> bool:
        return self.kind is OfficeKind.PORT

    def serves(self, carriage: Carriage) -> bool:
        return carriage in self.carriages


@dataclass(frozen=True)
class OpeningStatus:
    """What a response tells about an office: open now, or when it next opens."""

    office: str
    open_now: bool
    next_opening: datetime | None

    @classmethod
    def of(cls, office: Office, *, at: datetime) -> "OpeningStatus":
        next_opening = office.calendar.next_opening(at)
        return cls(office=office.code, open_now=next_opening is None, next_opening=next_opening)
