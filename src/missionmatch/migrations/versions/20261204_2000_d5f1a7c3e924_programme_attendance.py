"""programme attendance: who came to each programme item, and when the organiser recorded it

Revision ID: d5f1a7c3e924
Revises: 5e2b8c4d7a13
Create Date: 2026-12-04 20:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d5f1a7c3e924"
down_revision: str | None = "5e2b8c4d7a13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the tables on SQLite: nothing else of them changes)
    op.add_column("programme_registration", sa.Column("attended_at", sa.DateTime(), nullable=True))
    op.add_column("programme_item", sa.Column("attendance_recorded_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme_item") as batch:
        batch.drop_column("attendance_recorded_at")
    with op.batch_alter_table("programme_registration") as batch:
        batch.drop_column("attended_at")
