"""participant withdrawal (when, and what it cancelled for an undo); participants listed by name

Revision ID: aef9e0591111
Revises: a3c9e5f17b26
Create Date: 2026-12-03 14:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "aef9e0591111"
down_revision: str | None = "a3c9e5f17b26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the table on SQLite: nothing else of it changes)
    op.add_column("participant", sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
    op.add_column("participant", sa.Column("withdrawal", sa.JSON(), nullable=True))
    op.create_index("ix_participant_mission_name", "participant", ["mission_id", "last_name", "first_name"])


def downgrade() -> None:
    op.drop_index("ix_participant_mission_name", table_name="participant")
    op.drop_column("participant", "withdrawal")
    op.drop_column("participant", "withdrawn_at")
