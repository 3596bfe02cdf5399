"""The event feed: each declarant's events with a position assigned in commit order.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE feed_position")
    op.create_table(
        "feed_declarations",
        sa.Column("declaration_id", sa.Uuid(), primary_key=True),
        sa.Column("declarant", sa.String(10), nullable=False),
    )
    op.create_table(
        "feed_events",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False, unique=True),
        sa.Column("declaration_id", sa.Uuid(), nullable=False),
        sa.Column("declarant", sa.String(10)),
        sa.Column("position", sa.BigInteger(), unique=True),
        sa.Column("type", sa.String(200), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", JSONB(), nullable=False),
    )
    op.create_index("feed_events_declarant_position", "feed_events", ["declarant", "position"])
    op.create_index(
        "feed_events_parked",
        "feed_events",
        ["declaration_id"],
        postgresql_where=sa.text("position IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("feed_events")
    op.drop_table("feed_declarations")
    op.execute("DROP SEQUENCE feed_position")
