"""The public inspection API (sites, appointments, risk, document checks, the tablet queue),
served by the inspection service."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Response

from clearway_gateway.auth.dependencies import CallerDep
from clearway_gateway.forwarding.proxy import ProxyDep
from clearway_gateway.forwarding.schemas import JsonObject

router = APIRouter(prefix="/v1")

SiteId = Annotated[str, Path(pattern=r"^[A-Z0-9-]{1,20}$", examples=["HRG-1"])]
Vin = Annotated[str, Path(min_length=17, max_length=17, examples=["LGXCE6CB5P0000018"])]
INSPECTION = "inspection"


@router.get("/sites", tags=["sites"], summary="Inspection sites, optionally of one office")
async def sites(caller: CallerDep, proxy: ProxyDep, office: str | None = None) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/sites/{site_id}/availability", tags=["sites"], summary="Free slots of a site")
async def availability(site_id: SiteId, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.post("/sites/{site_id}/arrivals", tags=["arrivals"], summary="A vehicle checks in")
async def check_in(
    site_id: SiteId, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/declarations/{declaration_id}/appointments",
    tags=["appointments"],
    summary="Book an inspection slot",
)
async def book(
    declaration_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/appointments/{appointment_id}", tags=["appointments"], summary="An appointment")
async def appointment(appointment_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/appointments/{appointment_id}/reschedule",
    tags=["appointments"],
    summary="Move to another slot",
)
async def reschedule(
    appointment_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/appointments/{appointment_id}/cancel",
    tags=["appointments"],
    summary="Cancel; the place is freed",
)
async def cancel_appointment(appointment_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/tablet/queue", tags=["tablet"], summary="The inspector's site queue")
async def queue(caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/tablet/inspections/{inspection_id}", tags=["tablet"], summary="Vehicles and findings")
async def inspection(inspection_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.post("/tablet/inspections/{inspection_id}/claim", tags=["tablet"], summary="Take it")
async def claim(inspection_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.put(
    "/tablet/inspections/{inspection_id}/findings/{vin}",
    tags=["tablet"],
    summary="Record a finding",
)
async def finding(
    inspection_id: UUID, vin: Vin, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/tablet/inspections/{inspection_id}/outcome", tags=["tablet"], summary="Passed, or failed"
)
async def outcome(
    inspection_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/document-checks", tags=["document checks"], summary="Open checks of your office")
async def document_checks(caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.post(
    "/document-checks/{check_id}/decision", tags=["document checks"], summary="Decide a check"
)
async def decide_check(
    check_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(INSPECTION)


@router.post("/risk/rulesets", tags=["risk"], summary="Publish a new rule-set version")
async def publish_rules(body: JsonObject, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/risk/rulesets/current", tags=["risk"], summary="The rule set in force")
async def current_rules(caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get("/risk/rulesets/{version}", tags=["risk"], summary="A rule-set version")
async def rules(version: int, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)


@router.get(
    "/risk/decisions/{declaration_id}", tags=["risk"], summary="Lane decisions of a declaration"
)
async def lane_decisions(declaration_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(INSPECTION)
