"""The async SQLAlchemy engine and session factory, and the outbox and inbox tables.

Every service database has ``outbox`` and ``inbox`` tables of this shape; each service's
first Alembic revision creates them with ``clearway_platform.migrations.create_messaging_tables``.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

messaging_metadata = MetaData()

outbox = Table(
    "outbox",
    messaging_metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", String(64), nullable=False, unique=True),
    Column("event_type", String(200), nullable=False),
    Column("topic", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    Column("headers", JSONB, nullable=False),
    Column("value", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True)),
    Index("outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
)

inbox = Table(
    "inbox",
    messaging_metadata,
    Column("event_id", String(64), primary_key=True),
    Column("event_type", String(200), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("inbox_received_at", "received_at"),  # the housekeeping forgets the oldest ids
)


def create_engine(database_url: str, *, pool_size: int = 20) -> AsyncEngine:
    # No pool_pre_ping: with asyncpg it costs three round trips on every checkout (py-spy:
    # 5-10% of a request). After a PostgreSQL restart the first statement on a stale
    # connection fails as a transient error (a 503 to retry, or a consumer retry) and
    # SQLAlchemy then discards every connection older than the failure.
    # hide_parameters: an error's message (logged, perhaps traced) names the statement, never
    # its values, which are declared names and codes (ADR 0026).
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=3600,
        hide_parameters=True,
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def asyncpg_dsn(database_url: str) -> str:
    """The same database as a plain ``postgresql://`` DSN, for asyncpg used directly."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
