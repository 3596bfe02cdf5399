"""Release cases in PostgreSQL: opened and locked by every event about a declaration.

The statements every release event runs go straight to asyncpg (``clearway_platform.driver``):
SQLAlchemy's per-statement cost was most of a decision's. Reading for the API stays on
SQLAlchemy.
"""

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_platform.driver import driver
from clearway_release.cases.models import Case, Status
from clearway_release.db import cases

_FACTS_EXCLUDE = {"declaration_id", "status"}

_OPEN_CASE = """
    INSERT INTO release_cases (declaration_id, status, facts, updated_at)
    VALUES ($1, $2, $3::jsonb, $4)
    ON CONFLICT (declaration_id) DO UPDATE SET updated_at = excluded.updated_at
    RETURNING status, facts::text
"""
_SAVE_CASE = """
    UPDATE release_cases SET status = $2, facts = $3::jsonb, updated_at = $4
    WHERE declaration_id = $1
"""


# A decision and its case's new status in one statement. The release number's sequence part
# is formatted here, as ``release_number`` does: 9 digits with zeros in front; the sequence's
# own bounds (1 to 999,999,999) refuse what would not fit.
async def open_case(session: AsyncSession, new: Case, *, now: datetime) -> Case:
    """The declaration's case, locked: the stored one, or ``new`` stored as its first.

    One statement: an upsert locks the row it conflicts with until the transaction ends, so
    it is the same as an insert-if-missing followed by ``SELECT ... FOR UPDATE``.
    """
    row = await (await driver(session)).fetchrow(
        _OPEN_CASE, new.declaration_id, new.status, stored_facts(new), now
    )
    assert row is not None  # an upsert always returns its row
    return _case(new.declaration_id, row["status"], json.loads(row["facts"]))


async def lock_case(session: AsyncSession, declaration_id: UUID) -> Case | None:
    row = (
        (
            await session.execute(
                select(cases).where(cases.c.declaration_id == declaration_id).with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _case(declaration_id, row["status"], row["facts"])


async def get_case(session: AsyncSession, declaration_id: UUID) -> Case | None:
    row = (
        (await session.execute(select(cases).where(cases.c.declaration_id == declaration_id)))
        .mappings()
        .first()
    )
    return None if row is None else _case(declaration_id, row["status"], row["facts"])


async def save_case(session: AsyncSession, case: Case, *, now: datetime) -> None:
    await (await driver(session)).execute(
        _SAVE_CASE, case.declaration_id, case.status, stored_facts(case), now
    )


def stored_facts(case: Case) -> str:
    """The case as its row keeps it (``facts``): everything but its id and status."""
    return case.model_dump_json(exclude=_FACTS_EXCLUDE)


def _case(declaration_id: UUID, status: str, facts: dict[str, Any]) -> Case:
    return Case.model_validate(
        {**facts, "declaration_id": declaration_id, "status": Status(status)}
    )
