"""The gateway's tables: declarants and their API keys, versioned customs offices, and the
statistics read model."""

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData()

declarants = Table(
    "declarants",
    metadata,
    Column("customs_code", String(10), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("aeo_level", String(40), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_id", String(40), primary_key=True),
    Column("declarant", String(10), ForeignKey("declarants.customs_code"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("revoked_at", DateTime(timezone=True)),
)

# Every change to an office is a new version row; the highest version is in force.
offices = Table(
    "offices",
    metadata,
    Column("code", String(4), nullable=False),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("carriages", ARRAY(String(10)), nullable=False),
    Column("calendar", JSONB, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("code", "version"),
)

# The statistics read model (clearway_gateway.statistics): fed only by the events of the three
# services, emptied and refilled from Kafka by `python -m clearway_gateway statistics rebuild`.
# One row per declaration with its current facts (the highest revision seen wins) and the
# moments that the release-time percentiles are computed from.
stat_declarations = Table(
    "stat_declarations",
    metadata,
    Column("declaration_id", Uuid, primary_key=True),
    Column("revision", Integer),  # NULL until the declaration's own event arrives
    Column("office", String(4)),  # the declaring office
    Column("mode", String(20)),
    Column("destination_country", String(2)),
    Column("lodged_at", DateTime(timezone=True)),
    Column("day", Date),  # lodged_at's date in China Standard Time
    Column("vehicles", Integer, nullable=False, server_default="0"),
    Column("lane", String(10)),
    Column("lane_revision", Integer),
    Column("released_at", DateTime(timezone=True)),
    Column("exited_at", DateTime(timezone=True)),
    Column("cancelled_at", DateTime(timezone=True)),
    Index("stat_declarations_day_office", "day", "office"),
)

# The vehicles of each declaration's current revision (replaced when it is amended).
stat_vehicles = Table(
    "stat_vehicles",
    metadata,
    Column(
        "declaration_id",
        Uuid,
        ForeignKey("stat_declarations.declaration_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("line", Integer, nullable=False),
    Column("power", String(10), nullable=False),
    Column("condition", String(10), nullable=False),
    PrimaryKeyConstraint("declaration_id", "line"),
)

# Inspection appointments by site and slot; cancelled and missed ones stay, with their state.
stat_appointments = Table(
    "stat_appointments",
    metadata,
    Column("appointment_id", Uuid, primary_key=True),
    Column("site_id", String(40), nullable=False),
    Column("slot_start", DateTime(timezone=True), nullable=False),
    Column("day", Date, nullable=False),  # slot_start's date in China Standard Time
    Column("state", String(10), nullable=False),  # booked, cancelled, missed
    Column("arrived_at", DateTime(timezone=True)),
    Index("stat_appointments_day_site", "day", "site_id"),
)
