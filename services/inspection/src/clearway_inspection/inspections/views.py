"""Arrival check-in at a site, and the inspectors' tablet (scoped to the inspector's site)."""

from dataclasses import asdict
from uuid import UUID

from fastapi import APIRouter, Response, status

from clearway_inspection.deps import CallerDep, ClockDep, InspectorSiteDep, SiteScopeDep, UowDep
from clearway_inspection.inspections import service
from clearway_inspection.inspections.models import Finding, Inspection
from clearway_inspection.inspections.schemas import (
    Arrival,
    FindingIn,
    FindingOut,
    InspectionDetailOut,
    InspectionOut,
    OutcomeIn,
)
from clearway_platform.pagination import Page, page_of
from clearway_platform.web.fields import Cursor, Limit

arrivals = APIRouter(prefix="/v1/sites", tags=["arrivals"])
tablet = APIRouter(prefix="/v1/tablet", tags=["tablet"])


@arrivals.post(
    "/{site_id}/arrivals",
    status_code=status.HTTP_201_CREATED,
    summary="Check a vehicle in by customs number, VIN or plate (gate system or officer)",
    responses={200: {"description": "it had checked in already"}},
)
async def check_in(
    site_id: SiteScopeDep,
    arrival: Arrival,
    response: Response,
    uow: UowDep,
    caller: CallerDep,
    clock: ClockDep,
) -> InspectionOut:
    result = await service.check_in(
        uow=uow, site_id=site_id, reference=arrival.reference, actor=caller.actor, clock=clock
    )
    if not result.new:
        response.status_code = status.HTTP_200_OK
    return _out(result.inspection)


@tablet.get("/queue", summary="The site's queue: booked slot time first, then arrival order")
async def queue(
    site_id: InspectorSiteDep, uow: UowDep, cursor: Cursor = None, limit: Limit = 50
) -> Page[InspectionOut]:
    return page_of(
        [_out(i) for i in await service.site_queue(uow=uow, site_id=site_id)],
        key=_queue_order,
        cursor=cursor,
        limit=limit,
    )


def _queue_order(inspection: InspectionOut) -> tuple[str, str, str]:
    """Booked slot first (walk-ins after), then arrival: the order the site works in."""
    slot = inspection.slot_start.isoformat() if inspection.slot_start else "~"
    return slot, inspection.arrived_at.isoformat(), str(inspection.id)


@tablet.get("/inspections/{inspection_id}", summary="Declared vehicles and findings so far")
async def detail(
    inspection_id: UUID, site_id: InspectorSiteDep, uow: UowDep
) -> InspectionDetailOut:
    found = await service.detail(uow=uow, site_id=site_id, inspection_id=inspection_id)
    return InspectionDetailOut(
        inspection=_out(found.inspection),
        revision=found.revision,
        vehicles=found.vehicles,
        findings=[_finding_out(f) for f in found.findings],
        vehicles_inspected=len(found.findings),
    )


@tablet.post("/inspections/{inspection_id}/claim", summary="Take the inspection (one at a time)")
async def claim(
    inspection_id: UUID, site_id: InspectorSiteDep, uow: UowDep, caller: CallerDep, clock: ClockDep
) -> InspectionOut:
    claimed = await service.claim(
        uow=uow, site_id=site_id, inspection_id=inspection_id, inspector=caller.actor, clock=clock
    )
    return _out(claimed)


@tablet.put(
    "/inspections/{inspection_id}/findings/{vin}",
    summary="Save the findings on one vehicle (partial saves are kept)",
)
async def record_finding(
    inspection_id: UUID,
    vin: str,
    body: FindingIn,
    site_id: InspectorSiteDep,
    uow: UowDep,
    caller: CallerDep,
    clock: ClockDep,
) -> FindingOut:
    finding = Finding(
        vin=vin.upper(),
        vin_seen=body.vin_seen.upper() if body.vin_seen else None,
        odometer_km=body.odometer_km,
        condition=body.condition,
        seals=tuple(body.seals),
        seals_intact=body.seals_intact,
        damaged=body.damaged,
        photos=tuple(body.photos),
        remarks=body.remarks,
    )
    saved = await service.record_finding(
        uow=uow,
        site_id=site_id,
        inspection_id=inspection_id,
        inspector=caller.actor,
        finding=finding,
        clock=clock,
    )
    return _finding_out(saved)


@tablet.post(
    "/inspections/{inspection_id}/outcome", summary="Finish: passed, or failed with reasons"
)
async def complete(
    inspection_id: UUID,
    body: OutcomeIn,
    site_id: InspectorSiteDep,
    uow: UowDep,
    caller: CallerDep,
    clock: ClockDep,
) -> InspectionOut:
    finished = await service.complete(
        uow=uow,
        site_id=site_id,
        inspection_id=inspection_id,
        inspector=caller.actor,
        revision=body.revision,
        outcome=body.outcome,
        reasons=body.reasons,
        accepted=body.accepted_discrepancies,
        clock=clock,
    )
    return _out(finished)


def _out(inspection: Inspection) -> InspectionOut:
    return InspectionOut.model_validate(asdict(inspection))


def _finding_out(finding: Finding) -> FindingOut:
    return FindingOut.model_validate({**asdict(finding), "vin_matches": finding.vin_matches})
