"""The public declarations API, served by the declaration service."""

import json
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import Body, Header, Query, Response

from clearway_contracts.events.common import ClearanceMode, DeclarationStatus
from clearway_gateway.declarations import service
from clearway_gateway.declarations.form_examples import FORM_EXAMPLES
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
from clearway_gateway.forwarding.contract import public_router
from clearway_platform.clock import system_clock

router = public_router(prefix="/v1/declarations", tags=["declarations"])

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
    "whether the declaring office is open now. A declaration for a closed office is accepted, "
    "risk-assessed and, in the green lane, released at once; a document check or an "
    "inspection waits for the office's next opening.",
    response_model=LodgedDeclaration,
)
async def lodge_declaration(
    body: Annotated[LodgeDeclaration, Body(examples=[LODGE_EXAMPLE, *FORM_EXAMPLES.values()])],
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
async def list_declarations(
    caller: CallerDep,
    proxy: ProxyDep,
    status: DeclarationStatus | None = None,
    mode: ClearanceMode | None = None,
    office: Annotated[
        str | None, Query(pattern=r"^[0-9]{4}$", description="any office of the routing plan")
    ] = None,
    vin: Annotated[str | None, Query(max_length=17, description="declares this vehicle")] = None,
    means_id: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="a whole consignment: every declaration travelling on this train, "
            "truck, vessel or flight (transport.means_id)",
        ),
    ] = None,
    consignment_reference: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="a whole consignment by the reference the forwarder gave it",
        ),
    ] = None,
    declarant: Annotated[
        str | None,
        Query(description="officers and admins only: a forwarder who sends it gets 403"),
    ] = None,
    accepted_from: Annotated[
        datetime | None, Query(description="accepted at or after this instant (RFC 3339)")
    ] = None,
    accepted_before: Annotated[
        datetime | None, Query(description="accepted before this instant (RFC 3339)")
    ] = None,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    return await proxy.forward("declaration")


@router.get(
    "/{declaration_id}",
    summary="A declaration with its status and timeline",
    response_model=Declaration,
)
async def get_declaration(declaration_id: UUID, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward("declaration")


@router.post(
    "/{declaration_id}/amendments",
    summary="Amend a declaration before release",
    response_model=Declaration,
)
async def amend_declaration(
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
async def cancel_declaration(
    declaration_id: UUID,
    body: Annotated[Cancellation, Body(examples=[CANCELLATION_EXAMPLE])],
    caller: ForwarderDep,
    proxy: ProxyDep,
) -> Response:
    return await proxy.forward("declaration")
