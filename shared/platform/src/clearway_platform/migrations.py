"""Alembic helpers shared by every service's migrations.

Migrations run as their own step (``python -m clearway_<service> migrate``, a Kubernetes Job),
never at app start, and keep the previous version of the code working (expand, then contract).
"""

import asyncio
from pathlib import Path

from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from clearway_platform.db import messaging_metadata

_NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""
_NOTIFY_TRIGGER = """
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()
"""


def messaging_ddl(connection: Connection) -> None:
    """Create the outbox (with its NOTIFY trigger) and the inbox on a connection."""
    messaging_metadata.create_all(bind=connection)
    connection.exec_driver_sql(_NOTIFY_FUNCTION)
    connection.exec_driver_sql(_NOTIFY_TRIGGER)


def create_messaging_tables() -> None:
    """For a service's first revision."""
    messaging_ddl(op.get_bind())


def index_inbox_by_age() -> None:
    """For a revision after the first: the index the inbox purge deletes by (new databases
    get it with ``create_messaging_tables``)."""
    op.create_index("inbox_received_at", "inbox", ["received_at"], if_not_exists=True)


def drop_messaging_tables() -> None:
    op.execute("DROP TRIGGER IF EXISTS outbox_notify ON outbox")
    op.execute("DROP FUNCTION IF EXISTS outbox_notify()")
    messaging_metadata.drop_all(bind=op.get_bind())


def run_env(target_metadata: MetaData) -> None:
    """The body of every service's ``migrations/env.py``."""
    url = context.config.attributes.get("database_url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise RuntimeError("no database URL: run migrations through `python -m <service> migrate`")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def migrate(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run_async())


def upgrade(*, database_url: str, migrations_dir: Path, revision: str = "head") -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["database_url"] = database_url
    command.upgrade(config, revision)
