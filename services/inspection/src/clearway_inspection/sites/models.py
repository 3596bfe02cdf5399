"""Inspection sites, their calendars and slots, in the site's own time zone.

A site offers slots around the clock, tiled in its slot length from its opening time (from
midnight at a 24-hour site), in real elapsed time: a daylight-saving day simply has one slot
fewer or more. A slot wholly inside the opening hours is "within hours"; any other slot is
overtime and must be booked ahead (see ``lead_time``).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from clearway_contracts.events.common import AeoLevel

OUT_OF_HOURS_LEAD = timedelta(hours=24)
OUT_OF_HOURS_LEAD_ADVANCED_CERTIFIED = timedelta(hours=8)


@dataclass(frozen=True)
class OpeningHours:
    weekdays: frozenset[int]  # 0 = Monday
    opens: time
    closes: time

    def covers(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end), both local times of one day, lies inside the opening hours."""
        return (
            start.weekday() in self.weekdays
            and start.date() == end.date()
            and self.opens <= start.time()
            and end.time() <= self.closes
        )


@dataclass(frozen=True)
class Calendar:
    zone: ZoneInfo
    hours: OpeningHours | None  # None: open 24 hours a day, every day

    @property
    def always_open(self) -> bool:
        return self.hours is None

    def covers(self, start: datetime, end: datetime) -> bool:
        if self.hours is None:
            return True
        return self.hours.covers(start.astimezone(self.zone), end.astimezone(self.zone))

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The local day as an instant range (23 or 25 hours on a daylight-saving change)."""
        start = datetime.combine(day, time(0), tzinfo=self.zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def anchor(self, day: date) -> datetime:
        opening = self.hours.opens if self.hours is not None else time(0)
        return datetime.combine(day, opening, tzinfo=self.zone).astimezone(UTC)


@dataclass(frozen=True)
class Slot:
    start: datetime  # UTC
    end: datetime
    within_hours: bool


@dataclass(frozen=True)
class Site:
    id: str
    office: str
    name: str
    calendar: Calendar
    slot_length: timedelta
    capacity: int

    @property
    def inspection_on_arrival(self) -> bool:
        """At a 24-hour site a vehicle may come without a booking."""
        return self.calendar.always_open

    def slots_on(self, day: date) -> list[Slot]:
        """Every slot starting on the site's local ``day``, in order."""
        day_start, day_end = self.calendar.day_bounds(day)
        anchor = self.calendar.anchor(day)
        steps_back = (anchor - day_start) // self.slot_length
        start = anchor - steps_back * self.slot_length
        slots = []
        while start < day_end:
            end = start + self.slot_length
            slots.append(Slot(start, end, self.calendar.covers(start, end)))
            start = end
        return slots

    def slot_starting(self, at: datetime) -> Slot | None:
        """The slot that starts exactly at ``at``, or None when no slot does."""
        local_day = at.astimezone(self.calendar.zone).date()
        return next((s for s in self.slots_on(local_day) if s.start == at), None)


def lead_time(slot: Slot, aeo_level: AeoLevel) -> timedelta:
    """How long ahead a slot must be booked: at once in hours, 24 h (8 h for AEO) outside."""
    if slot.within_hours:
        return timedelta(0)
    if aeo_level is AeoLevel.ADVANCED_CERTIFIED:
        return OUT_OF_HOURS_LEAD_ADVANCED_CERTIFIED
    return OUT_OF_HOURS_LEAD


def bookable(slot: Slot, *, aeo_level: AeoLevel, now: datetime) -> bool:
    return slot.start > now and slot.start - now >= lead_time(slot, aeo_level)


@dataclass(frozen=True)
class Availability:
    slot: Slot
    free: int
    bookable: bool  # free, and far enough ahead for the caller
