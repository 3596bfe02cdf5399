"""Use cases of risk: decide a declaration's lane, publish and read rule sets."""

from datetime import datetime
from importlib.resources import files
from typing import Any
from uuid import UUID

from clearway_contracts.events.common import DeclarationSnapshot
from clearway_contracts.events.inspection import LaneAssigned
from clearway_inspection.risk import repository
from clearway_inspection.risk.models import LaneDecision, RuleSet, assess
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import Conflict, NotFound
from clearway_platform.uow import UnitOfWork

DEFAULT_PUBLISHER = "clearway-default"
_VERSION_OF_TRANSACTION = "clearway.ruleset_version"


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
            raise Conflict("another rule set was published at the same moment; try again")
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
        raise NotFound("rule set")
    return version, ruleset


async def decisions(*, uow: UnitOfWork, declaration_id: UUID) -> list[dict[str, Any]]:
    async with uow:
        return await repository.decisions_of(uow.session, declaration_id)


async def decide(
    *, uow: UnitOfWork, declaration: DeclarationSnapshot, now: datetime
) -> LaneDecision:
    """Assess a declaration revision with the current rule set, record and publish the lane.

    Runs inside the caller's transaction (an event consumer's).
    """
    decision = await assess_current(uow=uow, declaration=declaration, now=now)
    await record(uow=uow, declaration=declaration, decision=decision, now=now)
    return decision


async def assess_current(
    *, uow: UnitOfWork, declaration: DeclarationSnapshot, now: datetime
) -> LaneDecision:
    """The lane the current rule set gives a declaration revision; nothing is written.

    "Current" is the latest version when the transaction first asked: a consumer's batch of
    events is decided with one version, read once (a query per event was 13 % of a
    decision's time in the profile), and every decision names its version for replay.
    """
    version = await _version_of_transaction(uow, now=now)
    ruleset = await repository.get(uow.session, version)
    assert ruleset is not None  # versions are never deleted
    return assess(declaration, ruleset, version=version)


async def record(
    *, uow: UnitOfWork, declaration: DeclarationSnapshot, decision: LaneDecision, now: datetime
) -> None:
    """Record the decision and publish the lane, in the caller's transaction."""
    await repository.record_decision(uow.session, declaration, decision, at=now)
    uow.publish(
        LaneAssigned(
            declaration_id=declaration.declaration_id,
            revision=declaration.revision,
            lane=decision.lane,
            reasons=decision.reasons,
            ruleset_version=decision.ruleset_version,
            inspection_office=declaration.routing.inspection_office,
            assigned_at=now,
        )
    )


async def _version_of_transaction(uow: UnitOfWork, *, now: datetime) -> int:
    session = uow.session
    transaction = session.sync_session.get_transaction()
    known = session.info.get(_VERSION_OF_TRANSACTION)
    if transaction is not None and known is not None and known[0] is transaction:
        return int(known[1])
    version = await _current_version(uow, now=now)  # begins the transaction if need be
    session.info[_VERSION_OF_TRANSACTION] = (session.sync_session.get_transaction(), version)
    return version


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
