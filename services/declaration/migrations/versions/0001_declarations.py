"""Declarations, their vehicles and timeline, idempotency keys, customs numbers, messaging.

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
            sa.Sequence("customs_number_sequence", minvalue=1, maxvalue=999_999_999)
        )
    )
    op.create_table(
        "declarations",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("customs_number", sa.String(18), nullable=False, unique=True),
        sa.Column("declarant", sa.String(10), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(32), nullable=False),
        sa.Column("offices", ARRAY(sa.String(4)), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("routing", JSONB, nullable=False),
        sa.Column("content", JSONB, nullable=False),
        sa.Column("progress", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    )
    op.create_index("declarations_by_declarant", "declarations", ["declarant", "accepted_at", "id"])
    op.create_index("declarations_by_time", "declarations", ["accepted_at", "id"])
    op.create_index("declarations_by_office", "declarations", ["offices"], postgresql_using="gin")

    op.create_table(
        "declaration_vehicles",
        sa.Column("declaration_id", sa.Uuid, sa.ForeignKey("declarations.id"), primary_key=True),
        sa.Column("vin", sa.String(17), primary_key=True),
        sa.Column("live", sa.Boolean, nullable=False, server_default=sa.text("true")),
    )
    op.create_index("declaration_vehicles_by_vin", "declaration_vehicles", ["vin"])
    op.create_index(
        "one_live_declaration_per_vin",
        "declaration_vehicles",
        ["vin"],
        unique=True,
        postgresql_where=sa.text("live"),
    )

    op.create_table(
        "declaration_timeline",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        sa.Column("declaration_id", sa.Uuid, sa.ForeignKey("declarations.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("previous_status", sa.String(32)),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("cause", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("refused", sa.Boolean, nullable=False, server_default=sa.text("false")),
    )
    op.create_index(
        "declaration_timeline_by_declaration", "declaration_timeline", ["declaration_id", "id"]
    )

    op.create_table(
        "idempotency_keys",
        sa.Column("tenant", sa.String(32), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("declaration_id", sa.Uuid, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    for table in (
        "idempotency_keys",
        "declaration_timeline",
        "declaration_vehicles",
        "declarations",
    ):
        op.drop_table(table)
    op.execute(sa.schema.DropSequence(sa.Sequence("customs_number_sequence")))
