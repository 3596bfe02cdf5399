"""Release decisions in PostgreSQL: each saved with its case's new status in one statement.

The statements every release event runs (open, save, decide) go straight to asyncpg
(``clearway_platform.driver``): SQLAlchemy's per-statement cost was most of a decision's.
Reading for the API stays on SQLAlchemy.
"""

from datetime import datetime
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import RowMapping, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import Reason
from clearway_platform.driver import driver
from clearway_release.cases.models import Case
from clearway_release.cases.repository import stored_facts
from clearway_release.db import decisions
from clearway_release.releases.models import Decision, release_number_prefix

_REASONS = TypeAdapter(list[Reason])

_SAVE_RELEASE = """
    WITH decision AS (
        INSERT INTO release_decisions (
            declaration_id, revision, release_number, office, decided_at
        )
        VALUES ($1, $7, $5 || lpad(nextval('release_number_sequence')::text, 9, '0'), $6, $4)
        RETURNING release_number
    )
    UPDATE release_cases SET status = $2, facts = $3::jsonb, updated_at = $4
    WHERE declaration_id = $1
    RETURNING (SELECT release_number FROM decision)
"""
_SAVE_REFUSAL = """
    WITH decision AS (
        INSERT INTO release_decisions (declaration_id, revision, office, decided_at, reasons)
        VALUES ($1, $7, $5, $4, $6::jsonb)
    )
    UPDATE release_cases SET status = $2, facts = $3::jsonb, updated_at = $4
    WHERE declaration_id = $1
"""


async def save_release(session: AsyncSession, case: Case, *, office: str, now: datetime) -> str:
    """Save the released ``case`` with its decision, numbered from the release sequence (one
    statement where three were: the decision's round trips were a third of its cost).
    Returns the release number."""
    number = await (await driver(session)).fetchval(
        _SAVE_RELEASE,
        case.declaration_id,
        case.status,
        stored_facts(case),
        now,
        release_number_prefix(office=office, released_at=now),
        office,
        case.decided_for,
    )
    assert isinstance(number, str)  # the case exists: it is locked
    return number


async def save_refusal(session: AsyncSession, case: Case, refusal: Decision) -> None:
    """Save the refused ``case`` with its decision, in one statement."""
    await (await driver(session)).execute(
        _SAVE_REFUSAL,
        case.declaration_id,
        case.status,
        stored_facts(case),
        refusal.decided_at,
        refusal.office,
        _REASONS.dump_json(list(refusal.reasons)).decode(),
        refusal.revision,
    )


async def withdraw_decision(
    session: AsyncSession, declaration_id: UUID, *, revision: int, at: datetime
) -> str | None:
    """Mark the decision for ``revision`` withdrawn; returns its release number, if any."""
    withdrawn = await session.execute(
        update(decisions)
        .where(
            decisions.c.declaration_id == declaration_id,
            decisions.c.revision == revision,
            decisions.c.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=at)
        .returning(decisions.c.release_number)
    )
    number: str | None = withdrawn.scalar_one()
    return number


async def put_in_force(
    session: AsyncSession, declaration_id: UUID, *, revision: int, at: datetime
) -> Decision:
    """Record that the declaration service recorded the decision for ``revision``."""
    row = (
        (
            await session.execute(
                update(decisions)
                .where(
                    decisions.c.declaration_id == declaration_id, decisions.c.revision == revision
                )
                .values(in_force_at=at)
                .returning(decisions)
            )
        )
        .mappings()
        .one()
    )
    return _decision(row)


async def get_decision(session: AsyncSession, declaration_id: UUID) -> Decision | None:
    """The declaration's decision that was not withdrawn, if any."""
    row = (
        (
            await session.execute(
                select(decisions).where(
                    decisions.c.declaration_id == declaration_id,
                    decisions.c.withdrawn_at.is_(None),
                )
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _decision(row)


def _decision(row: RowMapping) -> Decision:
    return Decision(
        declaration_id=row["declaration_id"],
        revision=row["revision"],
        office=row["office"],
        decided_at=row["decided_at"],
        release_number=row["release_number"],
        reasons=tuple(Reason.model_validate(reason) for reason in row["reasons"]),
        in_force=row["in_force_at"] is not None,
    )
