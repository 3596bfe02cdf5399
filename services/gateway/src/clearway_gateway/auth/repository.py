"""Queries on declarants and API keys."""

from datetime import datetime

from sqlalchemy import RowMapping, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_gateway.auth.keys import ApiKey, KeyHolder
from clearway_gateway.db import api_keys, declarants


async def declarant(session: AsyncSession, customs_code: str) -> RowMapping | None:
    query = select(declarants).where(declarants.c.customs_code == customs_code)
    return (await session.execute(query)).mappings().first()


async def active_key_holder(session: AsyncSession, secret_hash: str) -> KeyHolder | None:
    """The key's id and declarant, if the key exists and is not revoked: one indexed lookup."""
    query = (
        select(api_keys.c.key_id, declarants.c.customs_code, declarants.c.aeo_level)
        .join(declarants, declarants.c.customs_code == api_keys.c.declarant)
        .where(api_keys.c.secret_hash == secret_hash, api_keys.c.revoked_at.is_(None))
    )
    row = (await session.execute(query)).mappings().first()
    if row is None:
        return None
    return KeyHolder(
        key_id=row["key_id"], declarant=row["customs_code"], aeo_level=row["aeo_level"]
    )


async def add_key(
    session: AsyncSession, *, key_id: str, declarant: str, label: str, secret_hash: str
) -> None:
    await session.execute(
        insert(api_keys).values(
            key_id=key_id, declarant=declarant, label=label, secret_hash=secret_hash
        )
    )


async def keys(session: AsyncSession, *, declarant: str | None = None) -> list[ApiKey]:
    query = select(api_keys).order_by(api_keys.c.declarant, api_keys.c.created_at)
    if declarant:
        query = query.where(api_keys.c.declarant == declarant)
    return [_key(row) for row in (await session.execute(query)).mappings()]


async def key(session: AsyncSession, key_id: str) -> ApiKey | None:
    row = (await session.execute(select(api_keys).where(api_keys.c.key_id == key_id))).mappings()
    found = row.first()
    return _key(found) if found else None


async def revoke(session: AsyncSession, key_id: str, *, at: datetime) -> None:
    await session.execute(
        update(api_keys)
        .where(api_keys.c.key_id == key_id, api_keys.c.revoked_at.is_(None))
        .values(revoked_at=at)
    )


def _key(row: RowMapping) -> ApiKey:
    return ApiKey(
        key_id=row["key_id"],
        declarant=row["declarant"],
        label=row["label"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )
