"""The transport's means id and the forwarder's consignment reference as columns, indexed: a
forwarder follows a whole train or convoy.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("declarations", sa.Column("means_id", sa.String(200), nullable=True))
    op.execute("UPDATE declarations SET means_id = content -> 'transport' ->> 'means_id'")
    op.alter_column("declarations", "means_id", nullable=False)
    op.create_index("declarations_by_means", "declarations", ["means_id", "accepted_at", "id"])
    op.add_column("declarations", sa.Column("consignment_reference", sa.String(200)))
    op.execute(
        "UPDATE declarations SET consignment_reference = content ->> 'consignment_reference'"
    )
    op.create_index(
        "declarations_by_consignment",
        "declarations",
        ["consignment_reference", "accepted_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("declarations_by_consignment", table_name="declarations")
    op.drop_column("declarations", "consignment_reference")
    op.drop_index("declarations_by_means", table_name="declarations")
    op.drop_column("declarations", "means_id")
