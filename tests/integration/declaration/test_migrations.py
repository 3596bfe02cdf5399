"""The migrations build exactly the schema the code declares."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from clearway_declaration.db import metadata
from clearway_declaration.settings import Settings
from clearway_shared.db import create_engine


def _differences(connection: Connection) -> list[object]:
    ours = set(metadata.tables)
    context = MigrationContext.configure(
        connection,
        opts={"include_name": lambda name, kind, _: kind != "table" or name in ours},
    )
    return list(compare_metadata(context, metadata))


async def test_the_migrated_schema_matches_the_tables_in_code(settings: Settings) -> None:
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await engine.dispose()
