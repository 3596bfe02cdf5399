"""Decisions per revision: pending until the declaration records them, or withdrawn.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "release_decisions",
        sa.Column("revision", sa.Integer(), nullable=False, server_default="1"),
    )
    op.alter_column("release_decisions", "revision", server_default=None)
    op.add_column("release_decisions", sa.Column("in_force_at", sa.DateTime(timezone=True)))
    op.add_column("release_decisions", sa.Column("withdrawn_at", sa.DateTime(timezone=True)))
    op.drop_constraint("release_decisions_pkey", "release_decisions", type_="primary")
    op.create_primary_key(
        "release_decisions_pkey", "release_decisions", ["declaration_id", "revision"]
    )
    op.create_index(
        "one_live_decision_per_declaration",
        "release_decisions",
        ["declaration_id"],
        unique=True,
        postgresql_where=sa.text("withdrawn_at IS NULL"),
    )
    # Decisions taken before this revision were final when taken: they are in force.
    op.execute(
        """
        UPDATE release_decisions d SET revision = (c.facts->'declaration'->>'revision')::int,
                                       in_force_at = d.decided_at
        FROM release_cases c WHERE c.declaration_id = d.declaration_id
        """
    )
    op.execute(
        """
        UPDATE release_cases
        SET facts = facts || jsonb_build_object(
            'decided_for', (facts->'declaration'->>'revision')::int, 'in_force', true)
        WHERE status NOT IN ('waiting', 'cancelled')
        """
    )


def downgrade() -> None:
    op.drop_index("one_live_decision_per_declaration", table_name="release_decisions")
    op.execute("DELETE FROM release_decisions WHERE withdrawn_at IS NOT NULL")
    op.drop_constraint("release_decisions_pkey", "release_decisions", type_="primary")
    op.create_primary_key("release_decisions_pkey", "release_decisions", ["declaration_id"])
    op.drop_column("release_decisions", "withdrawn_at")
    op.drop_column("release_decisions", "in_force_at")
    op.drop_column("release_decisions", "revision")
