"""participant name order: given name first, family name first, or NULL (from the profile's language)

Revision ID: 5e2b8c4d7a13
Revises: b7e2d4f6a813
Create Date: 2026-12-04 19:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e2b8c4d7a13"
down_revision: str | None = "b7e2d4f6a813"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the table on SQLite); the value is checked by services/person_names.py
    op.add_column("participant", sa.Column("name_order", sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column("participant", "name_order")
