"""The declaration service's tables."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData()

# One sequence for every office and year: nextval never blocks or repeats, and the office and
# year in front of it keep the 18-digit numbers unique (gaps are allowed).
customs_number_sequence = Sequence(
    "customs_number_sequence", metadata=metadata, minvalue=1, maxvalue=999_999_999
)

declarations = Table(
    "declarations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("customs_number", String(18), nullable=False, unique=True),
    Column("declarant", String(10), nullable=False),
    Column("status", String(32), nullable=False),
    Column("mode", String(32), nullable=False),
    Column("offices", ARRAY(String(4)), nullable=False),  # every office of the routing plan
    Column("means_id", String(200), nullable=False),  # the transport: content.transport.means_id
    Column("consignment_reference", String(200)),  # content.consignment_reference
    Column("revision", Integer, nullable=False),
    Column("accepted_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("routing", JSONB, nullable=False),
    Column("content", JSONB, nullable=False),
    # The read model fed by inspection and release events: lane, appointment, release, exit...
    Column("progress", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Index("declarations_by_declarant", "declarant", "accepted_at", "id"),
    Index("declarations_by_time", "accepted_at", "id"),
    Index("declarations_by_office", "offices", postgresql_using="gin"),
    # A consignment: every declaration of one train, convoy or vessel, newest first.
    Index("declarations_by_means", "means_id", "accepted_at", "id"),
    Index("declarations_by_consignment", "consignment_reference", "accepted_at", "id"),
)

vehicles = Table(
    "declaration_vehicles",
    metadata,
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), primary_key=True),
    Column("vin", String(17), primary_key=True),
    Column("live", Boolean, nullable=False, server_default=text("true")),
    Index("declaration_vehicles_by_vin", "vin"),
    # A VIN is on one live declaration at a time, whoever declared it, even under races.
    Index("one_live_declaration_per_vin", "vin", unique=True, postgresql_where=text("live")),
)

timeline = Table(
    "declaration_timeline",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("previous_status", String(32)),
    Column("status", String(32), nullable=False),
    Column("cause", String(200), nullable=False),  # the event id, or the actor
    Column("detail", Text),
    Column("refused", Boolean, nullable=False, server_default=text("false")),
    Index("declaration_timeline_by_declaration", "declaration_id", "id"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("tenant", String(32), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("declaration_id", Uuid, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Versioned reference data: each code list (customs districts, supervision modes, units...)
# is published whole as its next version; a published version never changes.
code_lists = Table(
    "code_lists",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("document", JSONB, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(200), nullable=False),
)
