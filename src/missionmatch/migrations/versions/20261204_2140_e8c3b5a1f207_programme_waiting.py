"""programme waiting lists: who waits for a place in a full programme item, in which order

Revision ID: e8c3b5a1f207
Revises: 3c8e1f5a9b27
Create Date: 2026-12-04 21:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e8c3b5a1f207"
down_revision: str | None = "3c8e1f5a9b27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "programme_waiting",
        sa.Column("programme_item_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("position >= 1", name=op.f("ck_programme_waiting_position_from_one")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_programme_waiting_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_item_id"],
            ["programme_item.id"],
            name=op.f("fk_programme_waiting_programme_item_id_programme_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_item_id", "participant_id", name=op.f("pk_programme_waiting")),
    )
    op.create_index(
        op.f("ix_programme_waiting_participant_id"), "programme_waiting", ["participant_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_programme_waiting_participant_id"), table_name="programme_waiting")
    op.drop_table("programme_waiting")
