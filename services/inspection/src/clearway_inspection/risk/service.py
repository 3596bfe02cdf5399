"""Use cases of risk: decide a declaration's lane, publish and read rule sets."""

from datetime import datetime
from importlib.resources import files
from typing import Any
from uuid import UUID

from clearway_inspection.risk import repository
from clearway_inspection.risk.models import Decision, RuleSet, assess
from clearway_shared.clock import Clock, system_clock
from clearway_shared.events.common import DeclarationSnapshot
from clearway_shared.events.inspection import LaneAssigned
from clearway_shared.problems import conflict, not_found
from clearway_shared.uow import UnitOfWork

DEFAULT_PUBLISHER = "clearway-default"


def default_ruleset() -> RuleSet:
    """The rule set shipped with the service, as data."""
    text = files(__package__).joinpath("default_ruleset.json").read_text(encoding="utf-8")
    return RuleSet.model_validate_json(text)


async def publish_ruleset(
    *, uow: UnitOfWork, ruleset: RuleSet, actor: str, clock: Clock = system_clock
) -> int:
    """Store ``ruleset`` as the next version; decisions from now on use it."""
    async with uow:
        version = await repository.insert_next(uow.session, ruleset, by=actor, at=clock())
        if version is None:
            raise conflict("another rule set was published at the same moment; try again")
        await uow.commit()
    return version


async def ensure_ruleset(*, uow: UnitOfWork, clock: Clock = system_clock) -> int:
    """Install the shipped default as version 1 unless a rule set exists; the current version."""
    async with uow:
        version = await _current_version(uow, now=clock())
        await uow.commit()
    return version


async def get_ruleset(*, uow: UnitOfWork, version: int | None = None) -> tuple[int, RuleSet]:
    async with uow:
        if version is None:
            version = await repository.latest_version(uow.session)
        ruleset = await repository.get(uow.session, version) if version else None
    if version is None or ruleset is None:
        raise not_found("rule set")
    return version, ruleset


async def decisions(*, uow: UnitOfWork, declaration_id: UUID) -> list[dict[str, Any]]:
    async with uow:
        return await repository.decisions_of(uow.session, declaration_id)


async def decide(*, uow: UnitOfWork, declaration: DeclarationSnapshot, now: datetime) -> Decision:
    """Assess a declaration revision with the current rule set, record and publish the lane.

    Runs inside the caller's transaction (an event consumer's).
    """
    version = await _current_version(uow, now=now)
    ruleset = await repository.get(uow.session, version)
    assert ruleset is not None  # versions are never deleted
    decision = assess(declaration, ruleset, version=version)
    await repository.record_decision(uow.session, declaration, decision, at=now)
    uow.publish(
        LaneAssigned(
            declaration_id=declaration.declaration_id,
            revision=declaration.revision,
            lane=decision.lane,
            reasons=decision.reasons,
            ruleset_version=version,
            inspection_office=declaration.routing.inspection_office,
            assigned_at=now,
        )
    )
    return decision


async def _current_version(uow: UnitOfWork, *, now: datetime) -> int:
    version = await repository.latest_version(uow.session)
    if version is None:
        version = await repository.insert_next(
            uow.session, default_ruleset(), by=DEFAULT_PUBLISHER, at=now
        )
    if version is None:  # installed by a concurrent transaction a moment ago
        version = await repository.latest_version(uow.session)
    assert version is not None
    return version
