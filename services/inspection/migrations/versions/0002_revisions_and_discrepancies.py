"""Declarations' status and the revisions of their lane and check; findings' seal and damage;
what each decision was for and which discrepancies it accepted.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("declarations", sa.Column("lane_revision", sa.Integer()))
    op.add_column("declarations", sa.Column("checked_revision", sa.Integer()))
    op.add_column(
        "declarations",
        sa.Column("status", sa.String(32), nullable=False, server_default=sa.text("'accepted'")),
    )
    op.execute("UPDATE declarations SET status = 'cancelled' WHERE cancelled")
    op.execute("UPDATE declarations SET lane_revision = revision WHERE lane IS NOT NULL")
    op.execute(
        """
        UPDATE declarations d SET checked_revision = d.revision
        WHERE EXISTS (SELECT 1 FROM inspections i WHERE i.declaration_id = d.id
                      AND i.status IN ('passed', 'failed'))
           OR EXISTS (SELECT 1 FROM document_checks c WHERE c.declaration_id = d.id
                      AND c.status IN ('passed', 'failed'))
        """
    )
    op.add_column("document_checks", sa.Column("revision", sa.Integer()))
    op.add_column("inspections", sa.Column("revision", sa.Integer()))
    op.add_column("inspections", sa.Column("accepted_discrepancies", JSONB()))
    op.add_column("findings", sa.Column("seals_intact", sa.Boolean()))
    op.add_column("findings", sa.Column("damaged", sa.Boolean()))


def downgrade() -> None:
    for table, column in (
        ("findings", "damaged"),
        ("findings", "seals_intact"),
        ("inspections", "accepted_discrepancies"),
        ("inspections", "revision"),
        ("document_checks", "revision"),
        ("declarations", "status"),
        ("declarations", "checked_revision"),
        ("declarations", "lane_revision"),
    ):
        op.drop_column(table, column)
