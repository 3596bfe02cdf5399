"""The inbox indexed by age, so the housekeeping forgets old event ids without a full scan.

Revision ID: 0002
Revises: 0001
"""

from clearway_platform.migrations import index_inbox_by_age

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    index_inbox_by_age()


def downgrade() -> None:
    pass  # the index stays: the previous release's code purges nothing, and ignores it
