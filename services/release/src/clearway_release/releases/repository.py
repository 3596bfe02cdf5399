"""Cases and decisions in PostgreSQL."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_release.db import cases, decisions, release_number_sequence
from clearway_release.releases.models import Case, Decision, Status
from clearway_shared.events.common import Reason

_FACTS_EXCLUDE = {"declaration_id", "status"}


async def open_case(session: AsyncSession, declaration_id: UUID, *, now: datetime) -> Case:
    """The declaration's case, created when this is its first event, and locked.

    One statement: an upsert locks the row it conflicts with until the transaction ends, so
    it is the same as an insert-if-missing followed by ``SELECT ... FOR UPDATE``.
    """
    fresh = Case(declaration_id=declaration_id)
    statement = insert(cases).values(
        declaration_id=declaration_id,
        status=fresh.status,
        facts=_facts(fresh),
        updated_at=now,
    )
    row = (
        (
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=[cases.c.declaration_id],
                    set_={"updated_at": statement.excluded.updated_at},
                ).returning(*cases.c)
            )
        )
        .mappings()
        .one()
    )
    return _case(row)


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
    return None if row is None else _case(row)


async def get_case(session: AsyncSession, declaration_id: UUID) -> Case | None:
    row = (
        (await session.execute(select(cases).where(cases.c.declaration_id == declaration_id)))
        .mappings()
        .first()
    )
    return None if row is None else _case(row)


async def save_case(session: AsyncSession, case: Case, *, now: datetime) -> None:
    await session.execute(
        update(cases)
        .where(cases.c.declaration_id == case.declaration_id)
        .values(status=case.status, facts=_facts(case), updated_at=now)
    )


async def next_release_sequence(session: AsyncSession) -> int:
    return int(await session.scalar(release_number_sequence.next_value()))


async def add_decision(session: AsyncSession, decision: Decision) -> None:
    await session.execute(
        decisions.insert().values(
            declaration_id=decision.declaration_id,
            release_number=decision.release_number,
            office=decision.office,
            decided_at=decision.decided_at,
            reasons=[reason.model_dump() for reason in decision.reasons],
        )
    )


async def get_decision(session: AsyncSession, declaration_id: UUID) -> Decision | None:
    row = (
        (
            await session.execute(
                select(decisions).where(decisions.c.declaration_id == declaration_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return Decision(
        declaration_id=row["declaration_id"],
        office=row["office"],
        decided_at=row["decided_at"],
        release_number=row["release_number"],
        reasons=tuple(Reason.model_validate(reason) for reason in row["reasons"]),
    )


def _facts(case: Case) -> dict[str, Any]:
    return case.model_dump(mode="json", exclude=_FACTS_EXCLUDE)


def _case(row: RowMapping) -> Case:
    return Case.model_validate(
        {**row["facts"], "declaration_id": row["declaration_id"], "status": Status(row["status"])}
    )
