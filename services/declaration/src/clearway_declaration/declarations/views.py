"""HTTP API of declarations: lodge, read, list, amend and cancel."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, Query, Response

from clearway_contracts.events.common import ClearanceMode
from clearway_declaration.declarations import service
from clearway_declaration.declarations.models import DeclarationFilters
from clearway_declaration.declarations.schemas import (
    Amendment,
    Cancellation,
    CreateDeclaration,
    DeclarationSummaryView,
    DeclarationView,
)
from clearway_declaration.deps import DeclarantDep, ForwarderDep, TenantScopeDep, UowDep
from clearway_declaration.lifecycle.models import Status
from clearway_platform.domain_errors import Forbidden, InvalidInput, Violation
from clearway_platform.pagination import Page, decode_cursor, encode_cursor

router = APIRouter(prefix="/v1/declarations", tags=["declarations"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="retries with the same key and body store one declaration",
    ),
]


@router.post("", status_code=201, summary="Lodge a declaration")
async def lodge(
    body: CreateDeclaration,
    uow: UowDep,
    caller: ForwarderDep,
    declarant: DeclarantDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> DeclarationView:
    if caller.aeo_level and body.declarant.aeo_level != caller.aeo_level:
        raise InvalidInput.at("declarant.aeo_level", f"your AEO level is {caller.aeo_level}")
    lodged = await service.lodge(
        uow=uow,
        tenant=declarant,
        actor=caller.actor,
        content=body.content(),
        routing=body.routing_plan(),
        idempotency_key=idempotency_key,
    )
    response.headers["Location"] = f"{router.prefix}/{lodged.declaration.id}"
    if lodged.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return DeclarationView.of(lodged)


@router.get("/{declaration_id}", summary="A declaration with its status and timeline")
async def read(declaration_id: UUID, uow: UowDep, tenant: TenantScopeDep) -> DeclarationView:
    found = await service.find(uow=uow, declaration_id=declaration_id, tenant=tenant)
    return DeclarationView.of(found)


@router.get("", summary="Declarations, newest first")
async def search(
    uow: UowDep,
    tenant: TenantScopeDep,
    status: Status | None = None,
    mode: ClearanceMode | None = None,
    office: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    vin: Annotated[str | None, Query(max_length=17)] = None,
    declarant: Annotated[str | None, Query(description="officers and admins only")] = None,
    means_id: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    consignment_reference: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    accepted_from: datetime | None = None,
    accepted_before: datetime | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[DeclarationSummaryView]:
    if tenant is not None and declarant is not None:
        raise Forbidden(
            "a forwarder reads its own declarations only",
            [Violation("declarant", "officers and admins only; leave it out")],
        )
    filters = DeclarationFilters(
        declarant=declarant,
        status=status,
        mode=mode,
        office=office,
        vin=vin,
        means_id=means_id,
        consignment_reference=consignment_reference,
        accepted_from=accepted_from,
        accepted_before=accepted_before,
    )
    found = await service.search(
        uow=uow,
        tenant=tenant,
        filters=filters,
        after=_after(cursor) if cursor else None,
        limit=limit,
    )
    last = found[-1] if len(found) == limit else None
    return Page(
        items=[DeclarationSummaryView.of(summary) for summary in found],
        next_cursor=encode_cursor({"at": last.accepted_at, "id": last.id}) if last else None,
    )


@router.post("/{declaration_id}/amendments", summary="Amend a declaration before release")
async def amend(
    declaration_id: UUID,
    body: Amendment,
    uow: UowDep,
    caller: ForwarderDep,
    declarant: DeclarantDep,
) -> DeclarationView:
    amended = await service.amend(
        uow=uow,
        declaration_id=declaration_id,
        tenant=declarant,
        actor=caller.actor,
        content=body.content(),
        reason=body.reason,
    )
    return DeclarationView.of(amended)


@router.post("/{declaration_id}/cancellation", summary="Withdraw a declaration before release")
async def cancel(
    declaration_id: UUID,
    body: Cancellation,
    uow: UowDep,
    caller: ForwarderDep,
    declarant: DeclarantDep,
) -> DeclarationView:
    cancelled = await service.cancel(
        uow=uow,
        declaration_id=declaration_id,
        tenant=declarant,
        actor=caller.actor,
        reason=body.reason,
    )
    return DeclarationView.of(cancelled)


def _after(cursor: str) -> tuple[datetime, UUID]:
    position = decode_cursor(cursor)
    try:
        return datetime.fromisoformat(position["at"]), UUID(position["id"])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput.at("cursor", "not a cursor this API returned") from None
