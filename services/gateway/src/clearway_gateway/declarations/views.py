"""The public declarations API, served by the declaration service."""

import json
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Header, Query, Response

from clearway_gateway.declarations import service
from clearway_gateway.declarations.schemas import (
    AMENDMENT_EXAMPLE,
    CANCELLATION_EXAMPLE,
    LODGE_EXAMPLE,
    Amendment,
    Cancellation,
    Declaration,
    DeclarationPage,
    LodgedDeclaration,
    LodgeDeclaration,
)
from clearway_gateway.deps import CallerDep, ForwarderDep, OfficesDep, ProxyDep
from clearway_gateway.forwarding.problem_responses import PROBLEMS
from clearway_platform.clock import system_clock

router = APIRouter(prefix="/v1/declarations", tags=["declarations"], responses=PROBLEMS)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="retry safely: one declaration per key",
    ),
]


@router.post(
    "",
    status_code=201,
    summary="Lodge a declaration",
    description="Plans the route from the mode and offices, lodges the declaration, and says "
    "whether the declaring office is open now. A declaration for a closed office is accepted "
    "and waits for its next opening.",
    response_model=LodgedDeclaration,
)
async def lodge(
    body: Annotated[LodgeDeclaration, Body(examples=[LODGE_EXAMPLE])],
    caller: ForwarderDep,
    proxy: ProxyDep,
    offices: OfficesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    assert caller.tenant is not None  # every forwarder has its declarant
    known = await offices.offices()
    plan = service.routing_for(
        request=body.route_request(),
        declarant=body.declarant.customs_code,
        tenant=caller.tenant,
        offices=known,
    )
    forwarded = body.model_dump(mode="json", exclude_unset=True)
    forwarded["routing"] = plan.model_dump(mode="json")
    reply = await proxy.send("declaration", body=json.dumps(forwarded).encode())
    content = reply.body
    if reply.status == 201:
        lodged: dict[str, Any] = json.loads(reply.body)
        lodged["declaring_office_hours"] = service.declaring_office_hours(
            plan=plan, offices=known, at=system_clock()
        )
        content = json.dumps(lodged).encode()
    return Response(content, status_code=reply.status, headers=reply.headers)


@router.get(
    "",
    summary="Declarations, newest first",
    description="A forwarder sees its own; officers, inspectors and admins see all.",
    response_model=DeclarationPage,
)
async def search(
    caller: CallerDep,
    proxy: ProxyDep,
    status: str | None = None,
    mode: str | None = None,
    office: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
    vin: Annotated[str | None, Query(max_length=17)] = None,
    declarant: Annotated[str | None, Query(description="officers and admins only")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    return await proxy.forward("declaration")


@router.get(
    "/{declaration_id}",
    summary="A declaration with its status and timeline",
    response_model=Declaration,
)
async def read(declaration_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward("declaration")


@router.post(
    "/{declaration_id}/amendments",
    summary="Amend a declaration before release",
    response_model=Declaration,
)
async def amend(
    declaration_id: UUID,
    body: Annotated[Amendment, Body(examples=[AMENDMENT_EXAMPLE])],
    caller: ForwarderDep,
    proxy: ProxyDep,
) -> Response:
    return await proxy.forward("declaration")


@router.post(
    "/{declaration_id}/cancellation",
    summary="Withdraw a declaration before release",
    response_model=Declaration,
)
async def cancel(
    declaration_id: UUID,
    body: Annotated[Cancellation, Body(examples=[CANCELLATION_EXAMPLE])],
    caller: ForwarderDep,
    proxy: ProxyDep,
) -> Response:
    return await proxy.forward("declaration")
