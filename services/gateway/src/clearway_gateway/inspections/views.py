"""The public inspection API (sites, appointments, risk, document checks, the tablet queue),
served by the inspection service."""

from typing import Annotated
from uuid import UUID

from fastapi import Path, Query, Response

from clearway_contracts.input_policy import BusinessDate
from clearway_gateway.deps import CallerDep, ProxyDep
from clearway_gateway.forwarding.contract import public_router
from clearway_gateway.inspections.schemas import (
    Appointment,
    Arrival,
    Availability,
    Booking,
    DocumentCheck,
    DocumentCheckDecision,
    DocumentCheckPage,
    Finding,
    FindingIn,
    Inspection,
    InspectionDetail,
    InspectionPage,
    LaneDecisionPage,
    OutcomeIn,
    PublishedRuleSet,
    Reschedule,
    RuleSet,
    SitePage,
)
from clearway_platform.web.fields import Cursor, Limit

router = public_router()

SiteId = Annotated[str, Path(pattern=r"^[A-Z0-9-]{1,20}$", examples=["HRG-1"])]
Vin = Annotated[str, Path(min_length=17, max_length=17, examples=["LGXCE6CB5P0000018"])]
OfficeCode = Annotated[str | None, Query(pattern=r"^[0-9]{4}$", examples=["8021"])]
INSPECTION = "inspection"


@router.get(
    "/sites",
    tags=["sites"],
    summary="Inspection sites, optionally of one office",
    response_model=SitePage,
)
async def list_sites(
    caller: CallerDep,
    proxy: ProxyDep,
    office: OfficeCode = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/sites/{site_id}/availability",
    tags=["sites"],
    summary="Free slots of a site",
    response_model=Availability,
)
async def get_site_availability(
    site_id: SiteId,
    caller: CallerDep,
    proxy: ProxyDep,
    from_day: Annotated[
        BusinessDate,
        Query(alias="from", description="first local day", examples=["2026-03-02"]),
    ],
    days: Annotated[int, Query(ge=1, le=14)] = 1,
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/sites/{site_id}/arrivals",
    tags=["arrivals"],
    summary="A vehicle checks in",
    status_code=201,
    response_model=Inspection,
    responses={200: {"model": Inspection, "description": "it had checked in already"}},
)
async def check_in_vehicle(
    site_id: SiteId, body: Arrival, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/declarations/{declaration_id}/appointments",
    tags=["appointments"],
    summary="Book an inspection slot",
    status_code=201,
    response_model=Appointment,
)
async def book_appointment(
    declaration_id: UUID, body: Booking, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/appointments/{appointment_id}",
    tags=["appointments"],
    summary="An appointment",
    response_model=Appointment,
)
async def get_appointment(appointment_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/appointments/{appointment_id}/reschedule",
    tags=["appointments"],
    summary="Move to another slot",
    response_model=Appointment,
)
async def reschedule_appointment(
    appointment_id: UUID, body: Reschedule, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/appointments/{appointment_id}/cancel",
    tags=["appointments"],
    summary="Cancel; the place is freed",
    response_model=Appointment,
)
async def cancel_appointment(appointment_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/tablet/queue",
    tags=["tablet"],
    summary="The inspector's site queue",
    response_model=InspectionPage,
)
async def get_tablet_queue(
    caller: CallerDep, proxy: ProxyDep, cursor: Cursor = None, limit: Limit = 50
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/tablet/inspections/{inspection_id}",
    tags=["tablet"],
    summary="Vehicles and findings",
    response_model=InspectionDetail,
)
async def get_inspection(inspection_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/tablet/inspections/{inspection_id}/claim",
    tags=["tablet"],
    summary="Take it",
    response_model=Inspection,
)
async def claim_inspection(inspection_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.put(
    "/tablet/inspections/{inspection_id}/findings/{vin}",
    tags=["tablet"],
    summary="Record a finding",
    response_model=Finding,
)
async def record_finding(
    inspection_id: UUID, vin: Vin, body: FindingIn, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/tablet/inspections/{inspection_id}/outcome",
    tags=["tablet"],
    summary="Passed (every vehicle inspected), or failed with reasons",
    response_model=Inspection,
)
async def record_outcome(
    inspection_id: UUID, body: OutcomeIn, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/document-checks",
    tags=["document checks"],
    summary="Open checks of your office",
    response_model=DocumentCheckPage,
)
async def list_document_checks(
    caller: CallerDep, proxy: ProxyDep, cursor: Cursor = None, limit: Limit = 50
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/document-checks/{check_id}/decision",
    tags=["document checks"],
    summary="Decide a check",
    response_model=DocumentCheck,
)
async def decide_document_check(
    check_id: UUID, body: DocumentCheckDecision, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/risk/rulesets",
    tags=["risk"],
    summary="Publish a new rule-set version",
    status_code=201,
    response_model=PublishedRuleSet,
)
async def publish_ruleset(body: RuleSet, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/risk/rulesets/current",
    tags=["risk"],
    summary="The rule set in force",
    response_model=PublishedRuleSet,
)
async def get_current_ruleset(caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/risk/rulesets/{version}",
    tags=["risk"],
    summary="A rule-set version",
    response_model=PublishedRuleSet,
)
async def get_ruleset(
    version: Annotated[int, Path(ge=1, le=2**31 - 1, examples=[3])],
    caller: CallerDep,
    proxy: ProxyDep,
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/risk/decisions/{declaration_id}",
    tags=["risk"],
    summary="Lane decisions of a declaration",
    response_model=LaneDecisionPage,
)
async def list_lane_decisions(
    declaration_id: UUID,
    caller: CallerDep,
    proxy: ProxyDep,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Response:
    return await proxy.forward(INSPECTION)
