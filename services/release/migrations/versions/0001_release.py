"""Release cases, decisions, transits, vehicle exits, release numbers, messaging.

Revision ID: 0001
Revises:
"""

from alembic import op

from clearway_release.db import metadata
from clearway_shared.migrations import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first revision may build from the models; later ones must spell out their changes.
    metadata.create_all(bind=op.get_bind())
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    metadata.drop_all(bind=op.get_bind())
