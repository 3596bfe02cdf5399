"""Exit-port officers' transit API: the transits bound for their office, arrival, holds."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from clearway_platform.domain_errors import InvalidInput
from clearway_platform.pagination import Page, decode_cursor, encode_cursor
from clearway_release.deps import ClockDep, ExitOfficeDep, OfficerDep, OfficerOfficeDep, UowDep
from clearway_release.transits import service
from clearway_release.transits.schemas import (
    Arrival,
    HoldDecisionRequest,
    TransitOut,
    TransitStateOut,
)

router = APIRouter(prefix="/v1/transits", tags=["transits"])


@router.get("", summary="Transits bound for an exit office, earliest deadline first")
async def list_transits(
    uow: UowDep,
    exit_office: ExitOfficeDep,
    overdue: Annotated[bool | None, Query(description="only overdue (true) or on time")] = None,
    cursor: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[TransitOut]:
    transits = await service.list_transits(
        uow=uow, exit_office=exit_office, overdue=overdue, after=_after(cursor), limit=limit
    )
    last = transits[-1] if len(transits) == limit else None
    return Page(
        items=[TransitOut.of(transit) for transit in transits],
        next_cursor=encode_cursor(
            {"deadline": last.deadline.isoformat(), "id": str(last.declaration_id)}
        )
        if last
        else None,
    )


@router.post("/{declaration_id}/arrival", summary="Record the arrival and the seal check")
async def record_arrival(
    declaration_id: UUID,
    body: Arrival,
    uow: UowDep,
    office: OfficerOfficeDep,
    clock: ClockDep,
) -> TransitStateOut:
    state = await service.record_arrival(
        uow=uow,
        declaration_id=declaration_id,
        office=office,
        revision=body.revision,
        seals_intact=body.seals_intact,
        remarks=body.remarks,
        clock=clock,
    )
    return TransitStateOut(status=state.status, transit=TransitOut.of(state.transit))


@router.post("/{declaration_id}/hold", summary="Release held goods to exit, or refuse them")
async def decide_hold(
    declaration_id: UUID,
    body: HoldDecisionRequest,
    uow: UowDep,
    caller: OfficerDep,
    office: OfficerOfficeDep,
    clock: ClockDep,
) -> TransitStateOut:
    state = await service.decide_hold(
        uow=uow,
        declaration_id=declaration_id,
        office=office,
        officer=caller.actor,
        revision=body.revision,
        decision=body.decision,
        remarks=body.remarks,
        clock=clock,
    )
    return TransitStateOut(status=state.status, transit=TransitOut.of(state.transit))


def _after(cursor: str | None) -> tuple[datetime, UUID] | None:
    if cursor is None:
        return None
    values = decode_cursor(cursor)
    try:
        return datetime.fromisoformat(values["deadline"]), UUID(values["id"])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput.at("cursor", "not a cursor this API returned") from None
