"""Rule sets and the decisions taken with them."""

from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import DeclarationSnapshot, Reason
from clearway_inspection.db import risk_decisions, rulesets
from clearway_inspection.risk.models import LaneDecision, RuleSet
from clearway_platform.driver import driver

_REASONS = TypeAdapter(list[Reason])
_RECORD_DECISION = """
    INSERT INTO risk_decisions (
        declaration_id, revision, lane, reasons, ruleset_version, decided_at
    )
    VALUES ($1, $2, $3, $4::jsonb, $5, $6)
    ON CONFLICT DO NOTHING
"""

# A published version never changes, so its parsed rules can be kept for good, per database
# (a process serving two databases, as the tests do, must not mix their version numbers).
_parsed: dict[tuple[str, int], RuleSet] = {}


async def latest_version(session: AsyncSession) -> int | None:
    version: int | None = await session.scalar(select(func.max(rulesets.c.version)))
    return version


async def get(session: AsyncSession, version: int) -> RuleSet | None:
    key = (str(session.get_bind().engine.url), version)
    if key not in _parsed:
        document = await session.scalar(
            select(rulesets.c.document).where(rulesets.c.version == version)
        )
        if document is None:
            return None
        _parsed[key] = RuleSet.model_validate(document)
    return _parsed[key]


async def insert_next(
    session: AsyncSession, ruleset: RuleSet, *, by: str, at: datetime
) -> int | None:
    """Store ``ruleset`` as the next version; None when another publish took that number."""
    version = (await latest_version(session) or 0) + 1
    inserted = await session.execute(
        insert(rulesets)
        .values(
            version=version,
            document=ruleset.model_dump(mode="json"),
            published_at=at,
            published_by=by,
        )
        .on_conflict_do_nothing(index_elements=[rulesets.c.version])
        .returning(rulesets.c.version)
    )
    stored: int | None = inserted.scalar()
    return stored


async def record_decision(
    session: AsyncSession, declaration: DeclarationSnapshot, decision: LaneDecision, *, at: datetime
) -> None:
    """On asyncpg: it runs for every decision."""
    await (await driver(session)).execute(
        _RECORD_DECISION,
        declaration.declaration_id,
        declaration.revision,
        decision.lane,
        _REASONS.dump_json(decision.reasons).decode(),
        decision.ruleset_version,
        at,
    )


async def decisions_of(session: AsyncSession, declaration_id: Any) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(risk_decisions)
        .where(risk_decisions.c.declaration_id == declaration_id)
        .order_by(risk_decisions.c.revision)
    )
    return [dict(row) for row in rows.mappings()]
