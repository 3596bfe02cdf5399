"""Rule-set administration and the audit trail of risk decisions."""

from uuid import UUID

from fastapi import APIRouter, status

from clearway_contracts.identity import Role
from clearway_inspection.risk import service
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.schemas import DecisionOut, PublishedRuleSet
from clearway_inspection.web import ClockDep
from clearway_platform.web.deps import CallerDep, UowDep

router = APIRouter(prefix="/v1/risk", tags=["risk"])


@router.post(
    "/rulesets",
    status_code=status.HTTP_201_CREATED,
    summary="Publish a new rule-set version; decisions from now on use it",
)
async def publish(
    ruleset: RuleSet, uow: UowDep, caller: CallerDep, clock: ClockDep
) -> PublishedRuleSet:
    caller.require(Role.ADMIN)
    version = await service.publish_ruleset(
        uow=uow, ruleset=ruleset, actor=caller.actor, clock=clock
    )
    return PublishedRuleSet(version=version, ruleset=ruleset)


@router.get("/rulesets/current", summary="The rule set risk decides with now")
async def current(uow: UowDep, caller: CallerDep) -> PublishedRuleSet:
    caller.require(Role.ADMIN, Role.OFFICER)
    version, ruleset = await service.get_ruleset(uow=uow)
    return PublishedRuleSet(version=version, ruleset=ruleset)


@router.get("/rulesets/{version}", summary="A rule-set version, as published")
async def by_version(version: int, uow: UowDep, caller: CallerDep) -> PublishedRuleSet:
    caller.require(Role.ADMIN, Role.OFFICER)
    version, ruleset = await service.get_ruleset(uow=uow, version=version)
    return PublishedRuleSet(version=version, ruleset=ruleset)


@router.get(
    "/decisions/{declaration_id}", summary="Every lane decision of a declaration, per revision"
)
async def decisions(declaration_id: UUID, uow: UowDep, caller: CallerDep) -> list[DecisionOut]:
    caller.require(Role.ADMIN, Role.OFFICER)
    rows = await service.decisions(uow=uow, declaration_id=declaration_id)
    return [DecisionOut.model_validate(row) for row in rows]
