"""Rule-set administration and the audit trail of risk decisions."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, status

from clearway_inspection.deps import AdminDep, ClockDep, ReaderDep, UowDep
from clearway_inspection.risk import service
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.schemas import DecisionOut, PublishedRuleSet
from clearway_platform.pagination import Page, page_of
from clearway_platform.web.fields import Cursor, Limit

router = APIRouter(prefix="/v1/risk", tags=["risk"])


@router.post(
    "/rulesets",
    status_code=status.HTTP_201_CREATED,
    summary="Publish a new rule-set version; decisions from now on use it",
)
async def publish(
    ruleset: RuleSet, uow: UowDep, caller: AdminDep, clock: ClockDep
) -> PublishedRuleSet:
    version = await service.publish_ruleset(
        uow=uow, ruleset=ruleset, actor=caller.actor, clock=clock
    )
    return PublishedRuleSet(version=version, ruleset=ruleset)


@router.get("/rulesets/current", summary="The rule set risk decides with now")
async def current(uow: UowDep, caller: ReaderDep) -> PublishedRuleSet:
    version, ruleset = await service.get_ruleset(uow=uow)
    return PublishedRuleSet(version=version, ruleset=ruleset)


@router.get("/rulesets/{version}", summary="A rule-set version, as published")
async def by_version(
    version: Annotated[int, Path(ge=1, le=2**31 - 1)], uow: UowDep, caller: ReaderDep
) -> PublishedRuleSet:
    version, ruleset = await service.get_ruleset(uow=uow, version=version)
    return PublishedRuleSet(version=version, ruleset=ruleset)


@router.get(
    "/decisions/{declaration_id}", summary="Every lane decision of a declaration, per revision"
)
async def decisions(
    declaration_id: UUID, uow: UowDep, caller: ReaderDep, cursor: Cursor = None, limit: Limit = 50
) -> Page[DecisionOut]:
    rows = await service.decisions(uow=uow, declaration_id=declaration_id)
    return page_of(
        [DecisionOut.model_validate(row) for row in rows],
        key=lambda decision: (f"{decision.revision:010d}", decision.decided_at.isoformat()),
        cursor=cursor,
        limit=limit,
    )
