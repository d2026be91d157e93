"""participant meeting limits, hosted table

Revision ID: 6a6ffd8bba38
Revises: 2c2a7f6ee889
Create Date: 2026-11-23 01:36:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6a6ffd8bba38"
down_revision: str | None = "2c2a7f6ee889"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("min_meetings", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_meetings", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("hosted_table", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_participant_min_meetings_not_negative"), "min_meetings >= 0"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_participant_max_meetings_not_negative"), "max_meetings >= 0"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_participant_min_meetings_within_max"), "min_meetings <= max_meetings"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_participant_hosted_table_positive"), "hosted_table >= 1"
        )


def downgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        # the CHECK constraints first, or SQLite's table copy would keep them without their columns
        batch_op.drop_constraint(batch_op.f("ck_participant_hosted_table_positive"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_participant_min_meetings_within_max"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_participant_max_meetings_not_negative"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_participant_min_meetings_not_negative"), type_="check")
        batch_op.drop_column("hosted_table")
        batch_op.drop_column("max_meetings")
        batch_op.drop_column("min_meetings")
