"""Exit-port officers confirm exit, per declaration or per vehicle."""

from uuid import UUID

from fastapi import APIRouter

from clearway_release.cases.models import Status
from clearway_release.deps import ClockDep, OfficerDep, OfficerOfficeDep, UowDep
from clearway_release.exits import service
from clearway_release.exits.schemas import ExitOut, ExitRequest

router = APIRouter(prefix="/v1/releases", tags=["exits"])


@router.post("/{declaration_id}/exits", summary="Confirm that goods or vehicles left")
async def confirm_exit(
    declaration_id: UUID,
    body: ExitRequest,
    uow: UowDep,
    caller: OfficerDep,
    office: OfficerOfficeDep,
    clock: ClockDep,
) -> ExitOut:
    state = await service.confirm_exit(
        uow=uow,
        declaration_id=declaration_id,
        office=office,
        officer=caller.actor,
        revision=body.revision,
        vins=body.vins,
        clock=clock,
    )
    return ExitOut(
        declaration_id=declaration_id,
        status=state.status,
        complete=state.status is Status.EXITED,
        exited_now=list(state.exited_now),
        exited=state.exited,
        remaining=state.remaining,
    )
