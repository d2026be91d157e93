"""mission request window and limit: when participants may send meeting requests, how many each may have
open or accepted at once (all three optional: unset keeps the earlier behaviour)

Revision ID: 4b7d2e9a6c31
Revises: 8e4f2b6c1d09
Create Date: 2026-12-03 11:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from missionmatch.models.datetime_types import UTCDateTime

revision: str = "4b7d2e9a6c31"
down_revision: str | None = "8e4f2b6c1d09"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("requests_open_at", "requests_close_at", "max_open_requests")


# plain ALTER TABLE, not a batch copy: with SQLite's foreign keys on, the copy's DROP of the mission table
# would cascade to every mission's rows (as in 8e4f2b6c1d09)


def upgrade() -> None:
    op.add_column("mission", sa.Column("requests_open_at", UTCDateTime(), nullable=True))
    op.add_column("mission", sa.Column("requests_close_at", UTCDateTime(), nullable=True))
    op.add_column("mission", sa.Column("max_open_requests", sa.Integer(), nullable=True))


def downgrade() -> None:
    for column in reversed(COLUMNS):
        op.drop_column("mission", column)
