"""Document check tasks."""

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import RowMapping, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import Outcome, Reason
from clearway_inspection.checks.models import CheckStatus, DocumentCheck
from clearway_inspection.db import declarations, document_checks
from clearway_platform.driver import driver

_OPEN_CHECK = f"""
    INSERT INTO document_checks (id, declaration_id, office, status, created_at)
    VALUES ($1, $2, $3, '{CheckStatus.OPEN.value}', $4)
    ON CONFLICT (declaration_id) WHERE status = 'open' DO NOTHING
"""


async def open_check(
    session: AsyncSession, *, declaration_id: UUID, office: str, at: datetime
) -> None:
    """On asyncpg: every yellow-lane decision opens one."""
    await (await driver(session)).execute(_OPEN_CHECK, uuid4(), declaration_id, office, at)


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
    document_checks,
    declarations.c.customs_number,
    declarations.c.declarant,
    declarations.c.revision.label("declaration_revision"),
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
    revision: int,
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
            revision=revision,
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
        revision=row["revision"] or row["declaration_revision"],
    )
