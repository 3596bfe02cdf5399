"""The gateway's tables: declarants and their API keys, and versioned customs offices."""

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
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
