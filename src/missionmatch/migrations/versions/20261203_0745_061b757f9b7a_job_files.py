"""job files: the agendas bundle job and the file it produces

- job.kind gains `agendas`, so its CHECK constraint is rebuilt with the new values (on SQLite the batch
  copies the table; on PostgreSQL the constraint is dropped and created again).
- job_file: one file per job (name, media type, bytes, when made), kept 24 hours.

Revision ID: 061b757f9b7a
Revises: 5d1c0a7e9b21
Create Date: 2026-12-03 07:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from missionmatch.models.datetime_types import UTCDateTime

revision: str = "061b757f9b7a"
down_revision: str | None = "5d1c0a7e9b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ("schedule", "replan", "match", "publication_mails")
NEW_KINDS = (*OLD_KINDS, "agendas")


def _kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="jobkind", native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=_kind(OLD_KINDS), type_=_kind(NEW_KINDS))
    op.create_table(
        "job_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_job_file_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_file")),
        sa.UniqueConstraint("job_id", name=op.f("uq_job_file_job_id")),
    )


def downgrade() -> None:
    op.drop_table("job_file")
    # the old CHECK refuses the new kind: those jobs (and their files, gone above) go first
    op.execute(sa.text("DELETE FROM job WHERE kind = 'agendas'"))
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=_kind(NEW_KINDS), type_=_kind(OLD_KINDS))
