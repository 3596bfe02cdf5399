"""Document check tasks."""

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import RowMapping, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_inspection.checks.models import CheckStatus, DocumentCheck
from clearway_inspection.db import declarations, document_checks
from clearway_shared.events.common import Outcome, Reason


async def open_check(
    session: AsyncSession, *, declaration_id: UUID, office: str, at: datetime
) -> None:
    await session.execute(
        insert(document_checks)
        .values(
            id=uuid4(),
            declaration_id=declaration_id,
            office=office,
            status=CheckStatus.OPEN,
            created_at=at,
        )
        .on_conflict_do_nothing(
            index_elements=[document_checks.c.declaration_id],
            index_where=text("status = 'open'"),
        )
    )


async def close_open(session: AsyncSession, declaration_id: UUID) -> None:
    await session.execute(
        update(document_checks)
        .where(
            document_checks.c.declaration_id == declaration_id,
            document_checks.c.status == CheckStatus.OPEN,
        )
        .values(status=CheckStatus.CLOSED)
    )


_WITH_DECLARATION = select(
    document_checks, declarations.c.customs_number, declarations.c.declarant
).join(declarations, declarations.c.id == document_checks.c.declaration_id)


async def list_open(session: AsyncSession, *, office: str) -> list[DocumentCheck]:
    rows = await session.execute(
        _WITH_DECLARATION.where(
            document_checks.c.office == office, document_checks.c.status == CheckStatus.OPEN
        ).order_by(document_checks.c.created_at)
    )
    return [_check(row) for row in rows.mappings()]


async def get(session: AsyncSession, check_id: UUID, *, office: str) -> DocumentCheck | None:
    row = (
        (
            await session.execute(
                _WITH_DECLARATION.where(
                    document_checks.c.id == check_id, document_checks.c.office == office
                ).with_for_update(of=document_checks)
            )
        )
        .mappings()
        .first()
    )
    return _check(row) if row else None


async def record_decision(
    session: AsyncSession,
    check_id: UUID,
    *,
    outcome: Outcome,
    reasons: list[Reason],
    officer: str,
    at: datetime,
) -> None:
    await session.execute(
        update(document_checks)
        .where(document_checks.c.id == check_id)
        .values(
            status=CheckStatus(outcome.value),
            reasons=[reason.model_dump() for reason in reasons],
            officer=officer,
            decided_at=at,
        )
    )


def _check(row: RowMapping) -> DocumentCheck:
    return DocumentCheck(
        id=row["id"],
        declaration_id=row["declaration_id"],
        customs_number=row["customs_number"],
        declarant=row["declarant"],
        office=row["office"],
        status=CheckStatus(row["status"]),
        created_at=row["created_at"],
    )
