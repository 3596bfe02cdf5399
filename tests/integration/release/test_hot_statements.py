"""The hot statements on asyncpg: inside the unit of work's transaction, errors translated."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.driver import driver
from clearway_platform.errors import TransientError
from clearway_release.cases import repository as cases
from clearway_release.cases.models import Case, Status
from clearway_release.releases import repository
from clearway_release.releases.models import release_number
from clearway_release.settings import Settings

NOW = datetime(2026, 3, 2, tzinfo=UTC)


@pytest.fixture
async def sessions(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(settings.database_url, pool_size=2)
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


async def open_case(session: AsyncSession, declaration_id: UUID) -> Case:
    return await cases.open_case(session, Case(declaration_id=declaration_id), now=NOW)


async def test_a_first_statement_runs_inside_the_transaction(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    declaration_id = uuid4()
    async with sessions() as session:
        await open_case(session, declaration_id)  # the first statement of the transaction
        await session.rollback()
    async with sessions() as session:
        assert await cases.get_case(session, declaration_id) is None


async def test_the_connection_is_looked_up_again_in_the_next_transaction(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    declaration_id = uuid4()
    async with sessions() as session:
        await open_case(session, declaration_id)
        await session.commit()
        await open_case(session, uuid4())  # in the session's next transaction
        await session.rollback()
        assert await cases.get_case(session, declaration_id) is not None


async def test_a_lock_that_is_not_available_is_a_transient_error(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    declaration_id = uuid4()
    async with sessions() as holder, sessions() as waiter:
        await open_case(holder, declaration_id)  # and holds its lock
        await (await driver(waiter)).execute("SET LOCAL lock_timeout = '50ms'")
        with pytest.raises(TransientError):
            await open_case(waiter, declaration_id)
        await holder.rollback()


async def test_a_release_is_numbered_as_release_number_says(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        case = await open_case(session, uuid4())
        released = case.model_copy(update={"status": Status.RELEASED, "decided_for": 1})
        number = await repository.save_release(session, released, office="8021", now=NOW)
        sequence = await session.scalar(text("SELECT currval('release_number_sequence')"))
        assert number == release_number(office="8021", released_at=NOW, sequence=sequence)
        assert await cases.get_case(session, case.declaration_id) == released
