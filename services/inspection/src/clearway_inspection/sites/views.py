"""Inspection sites and the availability of their slots."""

from typing import Annotated

from fastapi import APIRouter, Query

from clearway_contracts.input_policy import BusinessDate
from clearway_inspection.deps import AeoLevelDep, CallerDep, ClockDep, UowDep
from clearway_inspection.sites import service
from clearway_inspection.sites.schemas import AvailabilityOut, SiteDefinition, SiteOut, SlotOut
from clearway_platform.pagination import Page, page_of
from clearway_platform.web.fields import Cursor, Limit

router = APIRouter(prefix="/v1/sites", tags=["sites"])


@router.get("", summary="Inspection sites, optionally of one customs office")
async def list_sites(
    uow: UowDep,
    caller: CallerDep,
    office: Annotated[str | None, Query()] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[SiteOut]:
    sites = await service.list_sites(uow=uow, office=office)
    return page_of(
        [
            SiteOut(
                **SiteDefinition.of(s).model_dump(), inspection_on_arrival=s.inspection_on_arrival
            )
            for s in sites
        ],
        key=lambda site: (site.id,),
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/{site_id}/availability",
    summary="A site's slots on local days, with free places and whether the caller may book",
)
async def availability(
    site_id: str,
    uow: UowDep,
    aeo_level: AeoLevelDep,
    clock: ClockDep,
    from_day: Annotated[BusinessDate, Query(alias="from", description="first local day")],
    days: Annotated[int, Query(ge=1, le=14)] = 1,
) -> AvailabilityOut:
    site, slots = await service.availability(
        uow=uow,
        site_id=site_id,
        first_day=from_day,
        days=days,
        aeo_level=aeo_level,
        clock=clock,
    )
    zone = site.calendar.zone
    return AvailabilityOut(
        site_id=site.id,
        time_zone=zone.key,
        slots=[
            SlotOut(
                start=a.slot.start,
                end=a.slot.end,
                local_start=a.slot.start.astimezone(zone).isoformat(),
                within_hours=a.slot.within_hours,
                free=a.free,
                bookable=a.bookable,
            )
            for a in slots
        ],
    )
