"""Code-list versions as stored: published whole, never changed."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.declaration_form import CodeListName
from clearway_declaration.codelists.models import CodeList
from clearway_declaration.db import code_lists

# A published version never changes: parsed once per database and kept.
_parsed: dict[tuple[str, str, int], CodeList] = {}


async def latest_versions(session: AsyncSession) -> dict[CodeListName, int]:
    rows = await session.execute(
        select(code_lists.c.name, func.max(code_lists.c.version)).group_by(code_lists.c.name)
    )
    return {CodeListName(name): version for name, version in rows.all()}


async def get(session: AsyncSession, name: CodeListName, version: int) -> CodeList | None:
    key = (str(session.get_bind().engine.url), name.value, version)
    if key not in _parsed:
        document = await session.scalar(
            select(code_lists.c.document).where(
                code_lists.c.name == name.value, code_lists.c.version == version
            )
        )
        if document is None:
            return None
        _parsed[key] = CodeList.model_validate(document)
    return _parsed[key]


async def insert_next(
    session: AsyncSession, name: CodeListName, document: CodeList, *, by: str, at: datetime
) -> int | None:
    """Store ``document`` as the next version of ``name``; None when another took the number."""
    latest = await session.scalar(
        select(func.max(code_lists.c.version)).where(code_lists.c.name == name.value)
    )
    inserted = await session.execute(
        insert(code_lists)
        .values(
            name=name.value,
            version=(latest or 0) + 1,
            document=document.model_dump(mode="json"),
            published_at=at,
            published_by=by,
        )
        .on_conflict_do_nothing(index_elements=[code_lists.c.name, code_lists.c.version])
        .returning(code_lists.c.version)
    )
    stored: int | None = inserted.scalar()
    return stored
