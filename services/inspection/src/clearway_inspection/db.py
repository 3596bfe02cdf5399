"""The inspection service's tables."""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData()

rulesets = Table(
    "rulesets",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("document", JSONB, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(200), nullable=False),
)

# Our copy of what we need of each declaration: for risk, booking, check-in and the tablet.
declarations = Table(
    "declarations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("customs_number", String(18), nullable=False, unique=True),
    Column("revision", Integer, nullable=False),
    Column("declarant", String(10), nullable=False),
    Column("aeo_level", String(32), nullable=False),
    Column("inspection_office", String(4), nullable=False),
    Column("lane", String(8)),
    Column("lane_revision", Integer),  # the revision risk assessed for the lane
    Column("checked_revision", Integer),  # the revision the lane's last completed check was for
    Column("status", String(32), nullable=False, server_default=text("'accepted'")),
    # Kept in step with status for the previous release's replicas; drop it in the next one.
    Column("cancelled", Boolean, nullable=False, server_default=text("false")),
    Column("snapshot", JSONB, nullable=False),
)

# VINs, plates and the transport's means id: what a gate or an officer checks in by.
vehicle_identifiers = Table(
    "vehicle_identifiers",
    metadata,
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), primary_key=True),
    Column("identifier", String(32), primary_key=True),
    Index("vehicle_identifiers_by_identifier", "identifier"),
)

risk_decisions = Table(
    "risk_decisions",
    metadata,
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("lane", String(8), nullable=False),
    Column("reasons", JSONB, nullable=False),
    Column("ruleset_version", Integer, ForeignKey(rulesets.c.version), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

document_checks = Table(
    "document_checks",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), nullable=False),
    Column("office", String(4), nullable=False),
    Column("status", String(16), nullable=False),  # open, passed, failed, closed
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revision", Integer),  # the declaration revision decided
    Column("decided_at", DateTime(timezone=True)),
    Column("officer", String(200)),
    Column("reasons", JSONB),
    Index("document_checks_open", "office", "created_at", postgresql_where=text("status = 'open'")),
    Index(
        "one_open_check_per_declaration",
        "declaration_id",
        unique=True,
        postgresql_where=text("status = 'open'"),
    ),
)

sites = Table(
    "sites",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("office", String(4), nullable=False),
    Column("name", Text, nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("weekdays", ARRAY(Integer)),  # null: open 24 hours, every day
    Column("opens", Time),
    Column("closes", Time),
    Column("slot_minutes", Integer, nullable=False),
    Column("capacity", Integer, nullable=False),
)

# One counter per slot that has bookings: a conditional UPDATE on it never overbooks.
slots = Table(
    "slots",
    metadata,
    Column("site_id", String(16), ForeignKey(sites.c.id), primary_key=True),
    Column("starts_at", DateTime(timezone=True), primary_key=True),
    Column("booked", Integer, nullable=False, server_default=text("0")),
    CheckConstraint("booked >= 0", name="slots_booked_not_negative"),
)

appointments = Table(
    "appointments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), nullable=False),
    Column("site_id", String(16), ForeignKey(sites.c.id), nullable=False),
    Column("slot_start", DateTime(timezone=True), nullable=False),
    Column("slot_end", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # booked, arrived, cancelled, missed
    Column("booked_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(
        "one_booking_per_declaration",
        "declaration_id",
        unique=True,
        postgresql_where=text("status = 'booked'"),
    ),
    Index("appointments_due", "slot_end", postgresql_where=text("status = 'booked'")),
)

inspections = Table(
    "inspections",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("declaration_id", Uuid, ForeignKey(declarations.c.id), nullable=False),
    Column("site_id", String(16), ForeignKey(sites.c.id), nullable=False),
    Column("appointment_id", Uuid, ForeignKey(appointments.c.id)),
    Column("slot_start", DateTime(timezone=True)),  # null: came without a booking
    Column("arrived_at", DateTime(timezone=True), nullable=False),
    Column("checked_in_by", String(200), nullable=False),
    Column("status", String(16), nullable=False),  # waiting, passed, failed, closed
    Column("claimed_by", String(200)),
    Column("claim_expires_at", DateTime(timezone=True)),
    Column("reasons", JSONB),
    Column("revision", Integer),  # the declaration revision decided
    Column("accepted_discrepancies", JSONB),
    Column("completed_at", DateTime(timezone=True)),
    Index(
        "inspection_queue",
        "site_id",
        "slot_start",
        "arrived_at",
        postgresql_where=text("status = 'waiting'"),
    ),
    Index(
        "one_open_inspection_per_declaration",
        "declaration_id",
        unique=True,
        postgresql_where=text("status = 'waiting'"),
    ),
)

findings = Table(
    "findings",
    metadata,
    Column("inspection_id", Uuid, ForeignKey(inspections.c.id), primary_key=True),
    Column("vin", String(17), primary_key=True),
    Column("vin_seen", String(17)),
    Column("vin_matches", Boolean),
    Column("odometer_km", Integer),
    Column("condition", Text),
    Column("seals", ARRAY(String(64)), nullable=False, server_default=text("'{}'")),
    Column("seals_intact", Boolean),
    Column("damaged", Boolean),
    Column("photos", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("remarks", Text),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
