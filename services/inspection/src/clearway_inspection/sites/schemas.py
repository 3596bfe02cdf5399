"""Site definitions (the seed file and the API) and availability responses."""

from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator, model_validator

from clearway_contracts.input_policy import RequestModel
from clearway_inspection.sites.models import Calendar, OpeningHours, Site

# The same shape as a customs office's hours in the gateway: days by name, local times.
DayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[DayName, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Hours(RequestModel):
    days: list[DayName] = Field(min_length=1, description="the days the site opens")
    opens: time
    closes: time

    @property
    def weekdays(self) -> frozenset[int]:
        """0 = Monday, as the calendar counts them."""
        return frozenset(DAYS.index(day) for day in self.days)

    @classmethod
    def of(cls, hours: OpeningHours) -> "Hours":
        days = [DAYS[day] for day in sorted(hours.weekdays)]
        return cls(days=days, opens=hours.opens, closes=hours.closes)

    @model_validator(mode="after")
    def _valid(self) -> "Hours":
        if self.closes <= self.opens:
            raise ValueError("closes must be after opens")
        return self


class SiteDefinition(RequestModel):
    id: str = Field(pattern=r"^[A-Z0-9-]{2,16}$")
    office: str = Field(pattern=r"^[0-9]{4}$")
    name: str
    time_zone: str = Field(description="IANA time zone, e.g. Asia/Urumqi")
    hours: Hours | None = Field(description="null: open 24 hours (inspection upon arrival)")
    slot_minutes: int = Field(ge=5, le=24 * 60)
    capacity: int = Field(ge=1)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone") from None
        return value

    def to_site(self) -> Site:
        hours = self.hours
        return Site(
            id=self.id,
            office=self.office,
            name=self.name,
            calendar=Calendar(
                ZoneInfo(self.time_zone),
                OpeningHours(hours.weekdays, hours.opens, hours.closes) if hours else None,
            ),
            slot_length=timedelta(minutes=self.slot_minutes),
            capacity=self.capacity,
        )

    @classmethod
    def of(cls, site: Site) -> "SiteDefinition":
        hours = site.calendar.hours
        return cls(
            id=site.id,
            office=site.office,
            name=site.name,
            time_zone=site.calendar.zone.key,
            hours=Hours.of(hours) if hours else None,
            slot_minutes=int(site.slot_length.total_seconds() // 60),
            capacity=site.capacity,
        )


class SiteOut(SiteDefinition):
    inspection_on_arrival: bool


class SlotOut(BaseModel):
    start: datetime
    end: datetime
    local_start: str = Field(description="the start in the site's time zone")
    within_hours: bool
    free: int
    bookable: bool


class AvailabilityOut(BaseModel):
    site_id: str
    time_zone: str
    slots: list[SlotOut]
