"""The statistics read model (its consumer's inbox is the one every service database has).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from clearway_platform.migrations import index_inbox_by_age

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    index_inbox_by_age()  # the inbox is used now: its housekeeping deletes by age
    op.create_table(
        "stat_declarations",
        sa.Column("declaration_id", sa.Uuid(), primary_key=True),
        sa.Column("revision", sa.Integer()),
        sa.Column("office", sa.String(4)),
        sa.Column("mode", sa.String(20)),
        sa.Column("destination_country", sa.String(2)),
        sa.Column("lodged_at", sa.DateTime(timezone=True)),
        sa.Column("day", sa.Date()),
        sa.Column("vehicles", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("lane", sa.String(10)),
        sa.Column("lane_revision", sa.Integer()),
        sa.Column("released_at", sa.DateTime(timezone=True)),
        sa.Column("exited_at", sa.DateTime(timezone=True)),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
    )
    op.create_index("stat_declarations_day_office", "stat_declarations", ["day", "office"])
    op.create_table(
        "stat_vehicles",
        sa.Column(
            "declaration_id",
            sa.Uuid(),
            sa.ForeignKey("stat_declarations.declaration_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("power", sa.String(10), nullable=False),
        sa.Column("condition", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("declaration_id", "line"),
    )
    op.create_table(
        "stat_appointments",
        sa.Column("appointment_id", sa.Uuid(), primary_key=True),
        sa.Column("site_id", sa.String(40), nullable=False),
        sa.Column("slot_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True)),
    )
    op.create_index("stat_appointments_day_site", "stat_appointments", ["day", "site_id"])


def downgrade() -> None:
    op.drop_table("stat_appointments")
    op.drop_table("stat_vehicles")
    op.drop_table("stat_declarations")
