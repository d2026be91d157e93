"""mailings: invitation and reminder campaigns sent through a job, and an outbox that says what each mail is

- mailing: the kind, how its recipients were chosen and who they are (fixed when it is created).
- outbox_mail gains `kind`, `participant_id`, `mailing_id` (one mail per mailing and participant: a unique
  constraint) and `resent_from_id` (a resend names the mail it repeats); SQLite copies the table.
- job.kind gains `mailing`, so its CHECK constraint is rebuilt with the new values.

Revision ID: a3c6e9f2b417
Revises: d5f1a7c3e924
Create Date: 2026-12-04 21:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from missionmatch.models.datetime_types import UTCDateTime

revision: str = "a3c6e9f2b417"
down_revision: str | None = "d5f1a7c3e924"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ("schedule", "replan", "match", "publication_mails", "agendas")
NEW_KINDS = (*OLD_KINDS, "mailing")
MAILING_KINDS = ("invitation", "profile", "requests", "agenda")


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", existing_type=_enum("jobkind", OLD_KINDS), type_=_enum("jobkind", NEW_KINDS)
        )
    op.create_table(
        "mailing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("mailingkind", MAILING_KINDS), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("recipient_ids", sa.JSON(), nullable=False),
        sa.Column("requested_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_mailing_mission_id_mission"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailing")),
    )
    op.create_index(op.f("ix_mailing_mission_id"), "mailing", ["mission_id"], unique=False)
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=32), server_default="", nullable=False))
        batch_op.add_column(sa.Column("participant_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("mailing_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resent_from_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_mail_participant_id_participant"),
            "participant",
            ["participant_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_mail_mailing_id_mailing"),
            "mailing",
            ["mailing_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_mail_resent_from_id_outbox_mail"),
            "outbox_mail",
            ["resent_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_outbox_mail_mailing_id_participant_id"), ["mailing_id", "participant_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_outbox_mail_mailing_id_participant_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_outbox_mail_resent_from_id_outbox_mail"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_outbox_mail_mailing_id_mailing"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_outbox_mail_participant_id_participant"), type_="foreignkey")
        batch_op.drop_column("resent_from_id")
        batch_op.drop_column("mailing_id")
        batch_op.drop_column("participant_id")
        batch_op.drop_column("kind")
    op.drop_index(op.f("ix_mailing_mission_id"), table_name="mailing")
    op.drop_table("mailing")
    # the old CHECK refuses the new kind: those jobs go first
    op.execute(sa.text("DELETE FROM job WHERE kind = 'mailing'"))
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", existing_type=_enum("jobkind", NEW_KINDS), type_=_enum("jobkind", OLD_KINDS)
        )
