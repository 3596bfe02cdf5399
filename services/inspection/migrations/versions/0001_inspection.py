"""Risk rule sets and decisions, declaration copies, document checks, sites and slots,
appointments, inspections and findings, and the outbox and inbox.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from clearway_platform.migrations import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "declarations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customs_number", sa.String(length=18), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("declarant", sa.String(length=10), nullable=False),
        sa.Column("aeo_level", sa.String(length=32), nullable=False),
        sa.Column("inspection_office", sa.String(length=4), nullable=False),
        sa.Column("lane", sa.String(length=8), nullable=True),
        sa.Column("cancelled", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("customs_number"),
    )
    op.create_table(
        "rulesets",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("office", sa.String(length=4), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("weekdays", postgresql.ARRAY(sa.Integer()), nullable=True),
        sa.Column("opens", sa.Time(), nullable=True),
        sa.Column("closes", sa.Time(), nullable=True),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "appointments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("declaration_id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.String(length=16), nullable=False),
        sa.Column("slot_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("slot_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("booked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "appointments_due",
        "appointments",
        ["slot_end"],
        unique=False,
        postgresql_where=sa.text("status = 'booked'"),
    )
    op.create_index(
        "one_booking_per_declaration",
        "appointments",
        ["declaration_id"],
        unique=True,
        postgresql_where=sa.text("status = 'booked'"),
    )
    op.create_table(
        "document_checks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("declaration_id", sa.Uuid(), nullable=False),
        sa.Column("office", sa.String(length=4), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("officer", sa.String(length=200), nullable=True),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "document_checks_open",
        "document_checks",
        ["office", "created_at"],
        unique=False,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_index(
        "one_open_check_per_declaration",
        "document_checks",
        ["declaration_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "risk_decisions",
        sa.Column("declaration_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("lane", sa.String(length=8), nullable=False),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("ruleset_version", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
        ),
        sa.ForeignKeyConstraint(
            ["ruleset_version"],
            ["rulesets.version"],
        ),
        sa.PrimaryKeyConstraint("declaration_id", "revision"),
    )
    op.create_table(
        "slots",
        sa.Column("site_id", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("booked", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint("booked >= 0", name="slots_booked_not_negative"),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
        ),
        sa.PrimaryKeyConstraint("site_id", "starts_at"),
    )
    op.create_table(
        "vehicle_identifiers",
        sa.Column("declaration_id", sa.Uuid(), nullable=False),
        sa.Column("identifier", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
        ),
        sa.PrimaryKeyConstraint("declaration_id", "identifier"),
    )
    op.create_index(
        "vehicle_identifiers_by_identifier", "vehicle_identifiers", ["identifier"], unique=False
    )
    op.create_table(
        "inspections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("declaration_id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.String(length=16), nullable=False),
        sa.Column("appointment_id", sa.Uuid(), nullable=True),
        sa.Column("slot_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_in_by", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
        ),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "inspection_queue",
        "inspections",
        ["site_id", "slot_start", "arrived_at"],
        unique=False,
        postgresql_where=sa.text("status = 'waiting'"),
    )
    op.create_index(
        "one_open_inspection_per_declaration",
        "inspections",
        ["declaration_id"],
        unique=True,
        postgresql_where=sa.text("status = 'waiting'"),
    )
    op.create_table(
        "findings",
        sa.Column("inspection_id", sa.Uuid(), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("vin_seen", sa.String(length=17), nullable=True),
        sa.Column("vin_matches", sa.Boolean(), nullable=True),
        sa.Column("odometer_km", sa.Integer(), nullable=True),
        sa.Column("condition", sa.Text(), nullable=True),
        sa.Column(
            "seals",
            postgresql.ARRAY(sa.String(length=64)),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        sa.Column(
            "photos", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False
        ),
        sa.Column("remarks", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
        ),
        sa.PrimaryKeyConstraint("inspection_id", "vin"),
    )
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_table("findings")
    op.drop_index(
        "one_open_inspection_per_declaration",
        table_name="inspections",
        postgresql_where=sa.text("status = 'waiting'"),
    )
    op.drop_index(
        "inspection_queue", table_name="inspections", postgresql_where=sa.text("status = 'waiting'")
    )
    op.drop_table("inspections")
    op.drop_index("vehicle_identifiers_by_identifier", table_name="vehicle_identifiers")
    op.drop_table("vehicle_identifiers")
    op.drop_table("slots")
    op.drop_table("risk_decisions")
    op.drop_index(
        "one_open_check_per_declaration",
        table_name="document_checks",
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_index(
        "document_checks_open",
        table_name="document_checks",
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_table("document_checks")
    op.drop_index(
        "one_booking_per_declaration",
        table_name="appointments",
        postgresql_where=sa.text("status = 'booked'"),
    )
    op.drop_index(
        "appointments_due", table_name="appointments", postgresql_where=sa.text("status = 'booked'")
    )
    op.drop_table("appointments")
    op.drop_table("sites")
    op.drop_table("rulesets")
    op.drop_table("declarations")
