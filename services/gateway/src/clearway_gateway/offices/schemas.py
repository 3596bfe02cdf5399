"""The offices API's bodies."""

from datetime import datetime
from typing import Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from clearway_contracts.input_policy import RequestModel
from clearway_gateway.forwarding.schemas import LocalTime, Paged, example, page_example
from clearway_gateway.offices.models import (
    Calendar,
    Carriage,
    Office,
    OfficeKind,
    OpeningStatus,
    Weekday,
)

HORGOS_EXAMPLE = {
    "name": "Horgos Port Customs",
    "kind": "port",
    "carriages": ["rail", "road"],
    "calendar": {"time_zone": "Asia/Urumqi", "hours": "24h"},
}
ALASHANKOU_EXAMPLE = {
    "name": "Alashankou Port Customs",
    "kind": "port",
    "carriages": ["rail", "road"],
    "calendar": {
        "time_zone": "Asia/Urumqi",
        "hours": {
            "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "opens": "09:00",
            "closes": "18:00",
        },
    },
}

DayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Body(RequestModel):
    """A request body: the one input policy (ADR 0026)."""


class WeeklyHours(Body):
    days: list[DayName] = Field(min_length=1, description="the days the office opens")
    opens: LocalTime
    closes: LocalTime = Field(description="after opens")

    @model_validator(mode="after")
    def closes_after_opening(self) -> Self:
        if self.closes <= self.opens:
            raise ValueError("closes must be after opens (one period a day)")
        return self


class CalendarBody(Body):
    time_zone: str = Field(description="IANA time zone", examples=["Asia/Urumqi"])
    hours: Literal["24h"] | WeeklyHours

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone") from None
        return value

    def calendar(self) -> Calendar:
        if self.hours == "24h":
            return Calendar(self.time_zone)
        return Calendar(
            self.time_zone,
            days=frozenset(Weekday[day.upper()] for day in self.hours.days),
            opens=self.hours.opens,
            closes=self.hours.closes,
        )

    @classmethod
    def of(cls, calendar: Calendar) -> "CalendarBody":
        if calendar.opens is None or calendar.closes is None:
            return cls(time_zone=calendar.time_zone, hours="24h")
        days = [day.name.lower() for day in sorted(calendar.days)]
        hours = WeeklyHours.model_validate(
            {"days": days, "opens": calendar.opens, "closes": calendar.closes}
        )
        return cls(time_zone=calendar.time_zone, hours=hours)


class OfficeBody(Body):
    name: str = Field(min_length=1, max_length=200)
    kind: OfficeKind = Field(description="a port office can confirm exit")
    carriages: list[Carriage] = Field(min_length=1, description="the transport it serves")
    calendar: CalendarBody

    def office(self, code: str) -> Office:
        return Office(
            code=code,
            name=self.name,
            kind=self.kind,
            carriages=frozenset(self.carriages),
            calendar=self.calendar.calendar(),
        )


OFFICE_EXAMPLE = {
    **ALASHANKOU_EXAMPLE,
    "code": "8031",
    "version": 2,
    "open_now": False,
    "next_opening": "2026-03-02T03:00:00Z",
}


class OfficeView(OfficeBody):
    model_config = example(OFFICE_EXAMPLE)

    code: str
    version: int
    open_now: bool
    next_opening: datetime | None = Field(None, description="when it next opens, if closed now")

    @classmethod
    def of(cls, office: Office, *, at: datetime) -> "OfficeView":
        status = OpeningStatus.of(office, at=at)
        return cls(
            code=office.code,
            version=office.version,
            name=office.name,
            kind=office.kind,
            carriages=sorted(office.carriages),
            calendar=CalendarBody.of(office.calendar),
            open_now=status.open_now,
            next_opening=status.next_opening,
        )


class OfficePage(Paged[OfficeView]):
    model_config = page_example(OFFICE_EXAMPLE)
