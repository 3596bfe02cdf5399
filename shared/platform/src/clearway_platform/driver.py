"""asyncpg straight on the session's connection, inside its transaction: for hot statements.

Measured on the 2-core development machine (3,000 upserts of a release case in one
transaction, CPU of the Python process per statement): SQLAlchemy Core with the statement
built per call 640 µs, the same statement prebuilt 245 µs, ``exec_driver_sql`` 185 µs,
asyncpg's ``fetchrow`` 60 µs. An event handler runs a few statements per event, so this is
most of its cost; SQLAlchemy stays for everything else.

The statements run in the session's transaction, so they commit (or roll back) with the
inbox and outbox rows. Their errors are translated so the consumer still tells a transient
failure (a lost connection, a deadlock) from a bad event. JSON goes in as text
(``$n::jsonb``) and comes out as text (``column::text``), whatever codecs the connection has.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_platform.errors import TransientError, is_transient

_CACHED = "clearway.driver"


class Driver:
    """The few asyncpg calls the hot paths need, with errors the consumer understands."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        with _translated():
            return await self._connection.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        with _translated():
            return await self._connection.fetchval(query, *args)

    async def execute(self, query: str, *args: Any) -> None:
        with _translated():
            await self._connection.execute(query, *args)


async def driver(session: AsyncSession) -> Driver:
    """The asyncpg connection of the session's current transaction (looked up once per
    transaction: the lookup alone costs 21 µs)."""
    transaction = session.sync_session.get_transaction()
    cached = session.info.get(_CACHED)
    if transaction is not None and cached is not None and cached[0] is transaction:
        known: Driver = cached[1]
        return known
    connection = await session.connection()  # begins the session's transaction if need be
    raw = (await connection.get_raw_connection()).driver_connection
    assert isinstance(raw, asyncpg.Connection)
    if not raw.is_in_transaction():
        # SQLAlchemy's asyncpg adapter sends BEGIN with its first statement: without one,
        # ours would run outside the transaction and hold no lock.
        await connection.exec_driver_sql("SELECT 1")
    found = Driver(raw)
    session.info[_CACHED] = (session.sync_session.get_transaction(), found)
    return found


async def statement_driver(session: AsyncSession) -> Driver:
    """The session's asyncpg connection as it is, without beginning a transaction: for a read
    that is one statement (it sees one snapshot, so it needs none), saving BEGIN and ROLLBACK."""
    connection = await session.connection()
    raw = (await connection.get_raw_connection()).driver_connection
    assert isinstance(raw, asyncpg.Connection)
    return Driver(raw)


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except (asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        if is_transient(exc):
            raise TransientError(str(exc)) from exc
        raise
