"""The officers' queue of documentary checks (yellow lane)."""

from dataclasses import asdict
from uuid import UUID

from fastapi import APIRouter

from clearway_contracts.identity import Role
from clearway_inspection.checks import service
from clearway_inspection.checks.schemas import Decision, DocumentCheckOut
from clearway_inspection.web import ClockDep, require_office
from clearway_platform.web.deps import CallerDep, UowDep

router = APIRouter(prefix="/v1/document-checks", tags=["document checks"])


@router.get("", summary="Open document checks of the officer's office, oldest first")
async def open_checks(uow: UowDep, caller: CallerDep) -> list[DocumentCheckOut]:
    caller.require(Role.OFFICER)
    checks = await service.open_checks(uow=uow, office=require_office(caller))
    return [DocumentCheckOut.model_validate(asdict(check)) for check in checks]


@router.post("/{check_id}/decision", summary="Decide a document check: passed or failed")
async def decide(
    check_id: UUID, decision: Decision, uow: UowDep, caller: CallerDep, clock: ClockDep
) -> DocumentCheckOut:
    caller.require(Role.OFFICER)
    check = await service.decide(
        uow=uow,
        check_id=check_id,
        office=require_office(caller),
        officer=caller.actor,
        revision=decision.revision,
        outcome=decision.outcome,
        reasons=decision.reasons,
        clock=clock,
    )
    return DocumentCheckOut.model_validate(asdict(check))
