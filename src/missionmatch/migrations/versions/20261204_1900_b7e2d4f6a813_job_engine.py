"""the engine a scheduler job's progress came from last (cp-sat, rc2-g3, zero-break-sat, large)

Revision ID: b7e2d4f6a813
Revises: aef9e0591111
Create Date: 2026-12-04 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7e2d4f6a813"
down_revision: str | None = "aef9e0591111"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("job", sa.Column("engine", sa.String(length=32), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("job", "engine")
