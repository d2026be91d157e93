"""mission content revision: a counter bumped by every write that changes participants' pages (page cache key)

Revision ID: 8e4f2b6c1d09
Revises: 061b757f9b7a
Create Date: 2026-12-03 07:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8e4f2b6c1d09"
down_revision: str | None = "061b757f9b7a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# plain ALTER TABLE, not a batch copy: SQLite (3.35+ drops columns) would otherwise drop and recreate the
# mission table, and with foreign keys on, dropping it cascades to every mission's rows


def upgrade() -> None:
    op.add_column("mission", sa.Column("content_revision", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("mission", "content_revision")
