"""HTTP API of the statistics read model: officers and admins read it, as JSON or CSV.

Every question is about whole days at the border (China Standard Time): ``from`` and ``to``
(both included, at most a year apart; the last 30 days when absent) and optionally one
declaring ``office``. ``?format=csv`` or ``Accept: text/csv`` answers with the rows as CSV.
"""

import csv
import io
from typing import Annotated, Any, Literal, Protocol

from fastapi import Depends, Query, Request, Response

from clearway_contracts.input_policy import BusinessDate
from clearway_gateway.deps import OfficialDep, UowDep
from clearway_gateway.forwarding.contract import public_router
from clearway_gateway.statistics import service
from clearway_gateway.statistics.models import GroupBy, Period, Question, customs_day
from clearway_gateway.statistics.schemas import (
    DeclarationCounts,
    LaneShares,
    PeriodView,
    ReleaseTimes,
    SlotUtilisation,
)
from clearway_platform.clock import system_clock

CSV = "text/csv"
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV: {"schema": {"type": "string"}}}, "description": "JSON, or CSV rows"}
}

router = public_router(prefix="/v1/statistics", tags=["statistics"], responses=CSV_RESPONSE)

Office = Annotated[
    str | None,
    Query(pattern=r"^[0-9]{4}$", description="a declaring office", examples=["6501"]),
]
Format = Annotated[Literal["json", "csv"] | None, Query(description="csv: the rows as CSV")]


class Tabular(Protocol):
    def csv_rows(self) -> list[dict[str, Any]]: ...


async def question(
    office: Office = None,
    first: Annotated[
        BusinessDate | None, Query(alias="from", description="first day, included")
    ] = None,
    last: Annotated[
        BusinessDate | None, Query(alias="to", description="last day, included")
    ] = None,
) -> Question:
    last = last or customs_day(system_clock())
    period = Period(first, last) if first is not None else Period.ending(last)
    return Question(period=period, office=office)


QuestionDep = Annotated[Question, Depends(question)]


def _period(asked: Question) -> PeriodView:
    return PeriodView.of(asked.period, asked.office)


def answer(request: Request, body: Tabular, format: str | None, name: str) -> Any:
    """``body`` as JSON, or its rows as CSV when asked for by ``format`` or ``Accept``."""
    wants_csv = format == "csv" or (
        format is None and CSV in request.headers.get("accept", "").split(",")[0]
    )
    if not wants_csv:
        return body
    rows = body.csv_rows()
    text = io.StringIO()
    if rows:
        writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return Response(
        text.getvalue(),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get(
    "/declarations",
    summary="Declarations and vehicles per day, by office, mode, destination, power or condition",
    response_model=DeclarationCounts,
)
async def declaration_statistics(
    request: Request,
    asked: QuestionDep,
    uow: UowDep,
    caller: OfficialDep,
    group_by: GroupBy = GroupBy.OFFICE,
    format: Format = None,
) -> Any:
    counts = await service.counts(uow=uow, question=asked, group_by=group_by)
    body = DeclarationCounts.of(_period(asked), group_by, counts)
    return answer(request, body, format, f"declarations-by-{group_by.value}")


@router.get("/lanes", summary="The share of each risk lane", response_model=LaneShares)
async def lane_statistics(
    request: Request, asked: QuestionDep, uow: UowDep, caller: OfficialDep, format: Format = None
) -> Any:
    body = LaneShares.of(_period(asked), await service.lane_shares(uow=uow, question=asked))
    return answer(request, body, format, "lanes")


@router.get(
    "/release-times",
    summary="Time from lodging to release and to exit: p50, p90, p99 per office and lane",
    response_model=ReleaseTimes,
)
async def release_time_statistics(
    request: Request, asked: QuestionDep, uow: UowDep, caller: OfficialDep, format: Format = None
) -> Any:
    body = ReleaseTimes.of(_period(asked), await service.release_times(uow=uow, question=asked))
    return answer(request, body, format, "release-times")


@router.get(
    "/slot-utilisation",
    summary="Inspection appointments per site and day: booked, arrived, missed, cancelled",
    response_model=SlotUtilisation,
)
async def slot_statistics(
    request: Request,
    asked: QuestionDep,
    uow: UowDep,
    caller: OfficialDep,
    site: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9-]{1,40}$")] = None,
    format: Format = None,
) -> Any:
    found = await service.slot_use(
        uow=uow, first=asked.period.first, last=asked.period.last, site_id=site
    )
    return answer(request, SlotUtilisation.of(_period(asked), found), format, "slot-utilisation")
