"""The public release API (releases, exits, transits), served by the release service."""

from uuid import UUID

from fastapi import APIRouter, Response

from clearway_gateway.auth.dependencies import CallerDep
from clearway_gateway.forwarding.proxy import ProxyDep
from clearway_gateway.forwarding.schemas import JsonObject

router = APIRouter(prefix="/v1")
RELEASE = "release"


@router.get("/releases/{declaration_id}", tags=["releases"], summary="Release, transit, exits")
async def release(declaration_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(RELEASE)


@router.post("/releases/{declaration_id}/exits", tags=["exits"], summary="Confirm goods left")
async def confirm_exit(
    declaration_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(RELEASE)


@router.get("/transits", tags=["transits"], summary="Transits bound for an exit office")
async def transits(caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(RELEASE)


@router.post("/transits/{declaration_id}/arrival", tags=["transits"], summary="Arrival, seals")
async def arrival(
    declaration_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(RELEASE)


@router.post("/transits/{declaration_id}/hold", tags=["transits"], summary="Decide held goods")
async def hold(
    declaration_id: UUID, body: JsonObject, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(RELEASE)
