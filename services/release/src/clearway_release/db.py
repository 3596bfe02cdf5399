"""The release service's tables."""

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData()

release_number_sequence = Sequence(
    "release_number_sequence", metadata=metadata, minvalue=1, maxvalue=999_999_999
)

# One row per declaration: the facts gathered from events and the status. Every change of a
# declaration here happens under this row's lock, which is what serialises a cancellation
# against a release decision, and an arrival against an exit.
cases = Table(
    "release_cases",
    metadata,
    Column("declaration_id", Uuid, primary_key=True),
    Column("status", String(32), nullable=False),
    Column("facts", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# One decision per revision, and one not withdrawn per declaration: a decision is pending
# until the declaration service records it (in_force_at), or withdrawn when an amendment or a
# cancellation came first there (withdrawn_at).
decisions = Table(
    "release_decisions",
    metadata,
    Column("declaration_id", Uuid, ForeignKey(cases.c.declaration_id), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("release_number", String(18), unique=True),  # null when refused
    Column("office", String(4), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("reasons", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("in_force_at", DateTime(timezone=True)),
    Column("withdrawn_at", DateTime(timezone=True)),
    Index(
        "one_live_decision_per_declaration",
        "declaration_id",
        unique=True,
        postgresql_where=text("withdrawn_at IS NULL"),
    ),
)

transits = Table(
    "transits",
    metadata,
    Column("declaration_id", Uuid, ForeignKey(cases.c.declaration_id), primary_key=True),
    Column("customs_number", String(18), nullable=False),
    Column("departure_office", String(4), nullable=False),
    Column("exit_office", String(4), nullable=False),
    Column("seals", ARRAY(String(64)), nullable=False),
    Column("carrier", String(200), nullable=False),
    Column("means_id", String(100), nullable=False),
    Column("route", Text, nullable=False),
    Column("released_at", DateTime(timezone=True), nullable=False),
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("arrived_at", DateTime(timezone=True)),
    Column("seals_intact", Boolean),
    Column("remarks", Text),
    Column("overdue_at", DateTime(timezone=True)),
    Column("hold_decision", String(16)),
    Column("hold_remarks", Text),
    Column("hold_decided_by", String(200)),
    Column("hold_decided_at", DateTime(timezone=True)),
    Index("transits_by_exit_office", "exit_office", "deadline", "declaration_id"),
    # What the overdue watch scans: transits on the road, not yet reported late.
    Index(
        "transits_on_the_road",
        "deadline",
        postgresql_where=text("arrived_at IS NULL AND overdue_at IS NULL"),
    ),
)

vehicle_exits = Table(
    "vehicle_exits",
    metadata,
    Column("declaration_id", Uuid, ForeignKey(cases.c.declaration_id), primary_key=True),
    Column("vin", String(17), primary_key=True),
    Column("office", String(4), nullable=False),
    Column("officer", String(200), nullable=False),
    Column("exited_at", DateTime(timezone=True), nullable=False),
)
