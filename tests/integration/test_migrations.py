"""Every service's migrations build exactly the schema its code declares."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from clearway_platform.db import create_engine
from tests.support.infra import TestInfra

SERVICES = ("declaration", "inspection", "release", "gateway")


def _differences(connection: Connection, metadata: MetaData) -> list[object]:
    ours = set(metadata.tables)
    context = MigrationContext.configure(
        connection,
        opts={"include_name": lambda name, kind, _: kind != "table" or name in ours},
    )
    return list(compare_metadata(context, metadata))


@pytest.mark.parametrize("service", SERVICES)
async def test_the_migrated_schema_matches_the_tables_in_code(
    infra: TestInfra, service: str
) -> None:
    metadata: MetaData = importlib.import_module(f"clearway_{service}.db").metadata
    engine = create_engine(await infra.migrated_database(service), pool_size=1)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences, metadata) == []
    finally:
        await engine.dispose()
