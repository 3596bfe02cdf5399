"""The public release API (releases, exits, transits), served by the release service."""

from typing import Annotated
from uuid import UUID

from fastapi import Query, Response

from clearway_gateway.deps import CallerDep, ProxyDep
from clearway_gateway.forwarding.contract import public_router
from clearway_gateway.releases.schemas import (
    Exit,
    ExitRequest,
    HoldDecisionRequest,
    Release,
    TransitArrival,
    TransitPage,
    TransitState,
)

router = public_router()
RELEASE = "release"


@router.get(
    "/releases/{declaration_id}",
    tags=["releases"],
    summary="Release, transit, exits",
    response_model=Release,
)
async def get_release(declaration_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(RELEASE)


@router.post(
    "/releases/{declaration_id}/exits",
    tags=["exits"],
    summary="Confirm goods left",
    response_model=Exit,
)
async def confirm_exit(
    declaration_id: UUID, body: ExitRequest, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(RELEASE)


@router.get(
    "/transits",
    tags=["transits"],
    summary="Transits bound for an exit office, earliest deadline first",
    response_model=TransitPage,
)
async def list_transits(
    caller: CallerDep,
    proxy: ProxyDep,
    overdue: Annotated[bool | None, Query(description="only overdue (true) or on time")] = None,
    office: Annotated[
        str | None, Query(pattern=r"^[0-9]{4}$", description="admin only: the exit office")
    ] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    return await proxy.forward(RELEASE)


@router.post(
    "/transits/{declaration_id}/arrival",
    tags=["transits"],
    summary="Arrival, seals",
    response_model=TransitState,
)
async def record_transit_arrival(
    declaration_id: UUID, body: TransitArrival, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(RELEASE)


@router.post(
    "/transits/{declaration_id}/hold",
    tags=["transits"],
    summary="Decide held goods",
    response_model=TransitState,
)
async def decide_hold(
    declaration_id: UUID, body: HoldDecisionRequest, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(RELEASE)
