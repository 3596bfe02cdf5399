"""The feed's tables (migration 0004): its events and which declarant owns each declaration."""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Sequence,
    String,
    Table,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB

from clearway_gateway.db import metadata

# Positions are drawn from this sequence only under the feed's advisory lock (repository).
feed_position = Sequence("feed_position", metadata=metadata)

feed_declarations = Table(
    "feed_declarations",
    metadata,
    Column("declaration_id", Uuid(), primary_key=True),
    Column("declarant", String(10), nullable=False),
)

feed_events = Table(
    "feed_events",
    metadata,
    Column("id", BigInteger(), Identity(), primary_key=True),  # arrival order only
    Column("event_id", String(64), nullable=False, unique=True),
    Column("declaration_id", Uuid(), nullable=False),
    Column("declarant", String(10)),  # None while its declaration is not known yet
    Column("position", BigInteger(), unique=True),  # None until published, then never changes
    Column("type", String(200), nullable=False),
    Column("source", String(200), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("time", DateTime(timezone=True), nullable=False),
    Column("data", JSONB(), nullable=False),
    Index("feed_events_declarant_position", "declarant", "position"),
    Index("feed_events_parked", "declaration_id", postgresql_where="position IS NULL"),
)
