"""jobs: long work (scheduler, replanning, matcher, publication mails) done by the worker

One row per job: its kind and mission, its state (queued, running, done, failed, cancelled), the stage and
progress the worker reports (best objective, bound, done of total), the times (UTC), the result or error.

Revision ID: e763bce0dd22
Revises: 4629ad279785
Create Date: 2026-12-02 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e763bce0dd22"
down_revision: str | None = "4629ad279785"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("schedule", "replan", "match", "publication_mails")
STATES = ("queued", "running", "done", "failed", "cancelled")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum(KINDS, "jobkind"), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("state", _enum(STATES, "jobstate"), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("requested_by", sa.String(length=254), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("best", sa.Float(), nullable=True),
        sa.Column("bound", sa.Float(), nullable=True),
        sa.Column("done", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_job_mission_id_mission"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    op.create_index(op.f("ix_job_mission_id"), "job", ["mission_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_job_mission_id"), table_name="job")
    op.drop_table("job")
