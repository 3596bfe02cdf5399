"""The officers' queue of documentary checks (yellow lane)."""

from dataclasses import asdict
from uuid import UUID

from fastapi import APIRouter

from clearway_inspection.checks import service
from clearway_inspection.checks.schemas import DocumentCheckDecision, DocumentCheckOut
from clearway_inspection.deps import ClockDep, OfficerDep, OfficerOfficeDep, UowDep
from clearway_platform.pagination import Page, page_of
from clearway_platform.web.fields import Cursor, Limit

router = APIRouter(prefix="/v1/document-checks", tags=["document checks"])


@router.get("", summary="Open document checks of the officer's office, oldest first")
async def open_checks(
    uow: UowDep, office: OfficerOfficeDep, cursor: Cursor = None, limit: Limit = 50
) -> Page[DocumentCheckOut]:
    checks = await service.open_checks(uow=uow, office=office)
    return page_of(
        [DocumentCheckOut.model_validate(asdict(check)) for check in checks],
        key=lambda check: (check.created_at.isoformat(), str(check.id)),
        cursor=cursor,
        limit=limit,
    )


@router.post("/{check_id}/decision", summary="Decide a document check: passed or failed")
async def decide(
    check_id: UUID,
    decision: DocumentCheckDecision,
    uow: UowDep,
    caller: OfficerDep,
    office: OfficerOfficeDep,
    clock: ClockDep,
) -> DocumentCheckOut:
    check = await service.decide(
        uow=uow,
        check_id=check_id,
        office=office,
        officer=caller.actor,
        revision=decision.revision,
        outcome=decision.outcome,
        reasons=decision.reasons,
        clock=clock,
    )
    return DocumentCheckOut.model_validate(asdict(check))
