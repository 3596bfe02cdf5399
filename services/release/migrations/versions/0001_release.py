"""Release cases, decisions, transits, vehicle exits, release numbers, messaging.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from clearway_platform.migrations import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        sa.schema.CreateSequence(
            sa.Sequence("release_number_sequence", minvalue=1, maxvalue=999_999_999)
        )
    )
    op.create_table(
        "release_cases",
        sa.Column("declaration_id", sa.Uuid, primary_key=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("facts", JSONB, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "release_decisions",
        sa.Column(
            "declaration_id",
            sa.Uuid,
            sa.ForeignKey("release_cases.declaration_id"),
            primary_key=True,
        ),
        sa.Column("release_number", sa.String(18), unique=True),
        sa.Column("office", sa.String(4), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reasons", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
    )
    op.create_table(
        "transits",
        sa.Column(
            "declaration_id",
            sa.Uuid,
            sa.ForeignKey("release_cases.declaration_id"),
            primary_key=True,
        ),
        sa.Column("departure_office", sa.String(4), nullable=False),
        sa.Column("exit_office", sa.String(4), nullable=False),
        sa.Column("seals", ARRAY(sa.String(64)), nullable=False),
        sa.Column("carrier", sa.String(200), nullable=False),
        sa.Column("means_id", sa.String(100), nullable=False),
        sa.Column("route", sa.Text, nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True)),
        sa.Column("seals_intact", sa.Boolean),
        sa.Column("remarks", sa.Text),
        sa.Column("overdue_at", sa.DateTime(timezone=True)),
        sa.Column("hold_decision", sa.String(16)),
        sa.Column("hold_remarks", sa.Text),
        sa.Column("hold_decided_by", sa.String(200)),
        sa.Column("hold_decided_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "transits_by_exit_office", "transits", ["exit_office", "deadline", "declaration_id"]
    )
    op.create_index(
        "transits_on_the_road",
        "transits",
        ["deadline"],
        postgresql_where=sa.text("arrived_at IS NULL AND overdue_at IS NULL"),
    )
    op.create_table(
        "vehicle_exits",
        sa.Column(
            "declaration_id",
            sa.Uuid,
            sa.ForeignKey("release_cases.declaration_id"),
            primary_key=True,
        ),
        sa.Column("vin", sa.String(17), primary_key=True),
        sa.Column("office", sa.String(4), nullable=False),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("exited_at", sa.DateTime(timezone=True), nullable=False),
    )
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    for table in ("vehicle_exits", "transits", "release_decisions", "release_cases"):
        op.drop_table(table)
    op.execute("DROP SEQUENCE release_number_sequence")
