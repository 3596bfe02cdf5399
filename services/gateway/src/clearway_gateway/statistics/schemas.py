"""The statistics API's response bodies; each also flattens to CSV rows (one per line)."""

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from clearway_gateway.statistics.models import (
    Count,
    Durations,
    GroupBy,
    Period,
    Share,
    SlotUse,
    new_three_share,
    totals,
)

PERIOD: JsonDict = {"from": "2026-03-01", "to": "2026-03-02", "office": "8021"}


class PeriodView(BaseModel):
    from_: date = Field(alias="from", serialization_alias="from")
    to: date
    office: str | None = Field(None, description="the declaring office; all when absent")

    @classmethod
    def of(cls, period: Period, office: str | None) -> "PeriodView":
        return cls.model_validate({"from": period.first, "to": period.last, "office": office})


Row = TypeVar("Row", bound=BaseModel)


class Table(BaseModel, Generic[Row]):
    """An answer about a period: its rows are also its CSV lines."""

    period: PeriodView
    rows: list[Row]

    def csv_rows(self) -> list[dict[str, Any]]:
        return [row.model_dump() for row in self.rows]


class CountRow(BaseModel):
    day: date = Field(description="the day of lodging, in China Standard Time")
    key: str = Field(description="the office, mode, destination, power or condition")
    declarations: int
    vehicles: int


class DeclarationCounts(Table[CountRow]):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": PERIOD,
                    "group_by": "power",
                    "rows": [
                        {"day": "2026-03-01", "key": "bev", "declarations": 3, "vehicles": 40},
                        {"day": "2026-03-02", "key": "petrol", "declarations": 2, "vehicles": 12},
                    ],
                    "vehicles": {"bev": 40, "petrol": 12},
                    "new_three_share": 0.769,
                }
            ]
        }
    )

    group_by: GroupBy
    vehicles: dict[str, int] = Field(description="vehicles per key over the whole period")
    new_three_share: float | None = Field(
        None,
        description="grouped by power: the share of BEV, PHEV and FCEV among all vehicles",
    )

    @classmethod
    def of(cls, period: PeriodView, group_by: GroupBy, counts: list[Count]) -> "DeclarationCounts":
        summed = totals(counts)
        return cls(
            period=period,
            group_by=group_by,
            rows=[CountRow(**vars(count)) for count in counts],
            vehicles=summed,
            new_three_share=new_three_share(summed) if group_by is GroupBy.POWER else None,
        )


class ShareRow(BaseModel):
    lane: str
    declarations: int
    share: float = Field(description="of all declarations with a lane, 0..1")


class LaneShares(Table[ShareRow]):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": PERIOD,
                    "rows": [
                        {"lane": "green", "declarations": 42, "share": 0.84},
                        {"lane": "yellow", "declarations": 6, "share": 0.12},
                        {"lane": "red", "declarations": 2, "share": 0.04},
                    ],
                }
            ]
        }
    )

    @classmethod
    def of(cls, period: PeriodView, found: list[Share]) -> "LaneShares":
        rows = [ShareRow(lane=s.key, declarations=s.count, share=s.share) for s in found]
        return cls(period=period, rows=rows)


class DurationRow(BaseModel):
    office: str
    lane: str
    stage: str = Field(description="release: lodging to release; exit: lodging to exit")
    declarations: int
    p50_seconds: float
    p90_seconds: float
    p99_seconds: float


class ReleaseTimes(Table[DurationRow]):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": PERIOD,
                    "rows": [
                        {
                            "office": "8021",
                            "lane": "green",
                            "stage": "release",
                            "declarations": 42,
                            "p50_seconds": 95.0,
                            "p90_seconds": 240.0,
                            "p99_seconds": 1800.0,
                        }
                    ],
                }
            ]
        }
    )

    @classmethod
    def of(cls, period: PeriodView, found: list[Durations]) -> "ReleaseTimes":
        rows = [
            DurationRow(
                office=f.office,
                lane=f.lane,
                stage=f.stage,
                declarations=f.count,
                p50_seconds=f.p50_seconds,
                p90_seconds=f.p90_seconds,
                p99_seconds=f.p99_seconds,
            )
            for f in found
        ]
        return cls(period=period, rows=rows)


class SlotRow(BaseModel):
    day: date
    site_id: str
    booked: int = Field(description="appointments still booked for the day's slots")
    arrived: int = Field(description="of those, vehicles that checked in")
    missed: int
    cancelled: int
    show_rate: float | None = Field(description="arrived of booked and missed, 0..1")


class SlotUtilisation(Table[SlotRow]):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": PERIOD,
                    "rows": [
                        {
                            "day": "2026-03-01",
                            "site_id": "HRG-1",
                            "booked": 18,
                            "arrived": 16,
                            "missed": 1,
                            "cancelled": 3,
                            "show_rate": 0.842,
                        }
                    ],
                }
            ]
        }
    )

    @classmethod
    def of(cls, period: PeriodView, found: list[SlotUse]) -> "SlotUtilisation":
        rows = [SlotRow(**vars(use), show_rate=use.show_rate) for use in found]
        return cls(period=period, rows=rows)
