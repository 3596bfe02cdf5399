"""Transits carry the declaration's customs number: what the exit officer and the ERP know.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("transits", sa.Column("customs_number", sa.String(18), nullable=True))
    op.execute(
        "UPDATE transits t SET customs_number = c.facts -> 'declaration' ->> 'customs_number' "
        "FROM release_cases c WHERE c.declaration_id = t.declaration_id"
    )
    op.alter_column("transits", "customs_number", nullable=False)


def downgrade() -> None:
    op.drop_column("transits", "customs_number")
