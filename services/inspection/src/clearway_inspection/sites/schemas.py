"""Site definitions (the seed file and the API) and availability responses."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from clearway_inspection.sites.models import Calendar, OpeningHours, Site


class Hours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weekdays: list[int] = Field(min_length=1, description="0 = Monday … 6 = Sunday")
    opens: time
    closes: time

    @model_validator(mode="after")
    def _valid(self) -> "Hours":
        if not all(0 <= day <= 6 for day in self.weekdays):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        if self.closes <= self.opens:
            raise ValueError("closes must be after opens")
        return self


class SiteDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Z0-9-]{2,16}$")
    office: str = Field(pattern=r"^\d{4}$")
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
                OpeningHours(frozenset(hours.weekdays), hours.opens, hours.closes)
                if hours
                else None,
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
            hours=Hours(weekdays=sorted(hours.weekdays), opens=hours.opens, closes=hours.closes)
            if hours
            else None,
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
