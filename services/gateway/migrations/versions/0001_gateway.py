"""Declarants, API keys, versioned customs offices, messaging.

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
    op.create_table(
        "declarants",
        sa.Column("customs_code", sa.String(10), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("aeo_level", sa.String(40), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(40), primary_key=True),
        sa.Column(
            "declarant", sa.String(10), sa.ForeignKey("declarants.customs_code"), nullable=False
        ),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "offices",
        sa.Column("code", sa.String(4), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("carriages", ARRAY(sa.String(10)), nullable=False),
        sa.Column("calendar", JSONB, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.PrimaryKeyConstraint("code", "version"),
    )
    # The gateway publishes no events yet; every service database has the same messaging tables.
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_table("offices")
    op.drop_table("api_keys")
    op.drop_table("declarants")
