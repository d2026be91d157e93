"""request steering: organisers veto a request or a meeting not yet held (status `vetoed`) and add must-meet
meetings; unanswered requests are reminded (a count per request); participants dismiss recommendations and
keep partners they are not interested in off their lists (`partner_exclusion`)

Revision ID: a91d3c7e5b20
Revises: 7f3a1c5e8d42
Create Date: 2026-12-03 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from missionmatch.models.datetime_types import UTCDateTime

revision: str = "a91d3c7e5b20"
down_revision: str | None = "7f3a1c5e8d42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = ("pending", "accepted", "declined", "expired", "cancelled", "awaiting_approval", "rejected")
NEW_STATUSES = (*OLD_STATUSES, "vetoed")


def _status(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="requeststatus", native_enum=False, create_constraint=True, length=32)


def _rebuild_status_check(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """A new CHECK on meeting_request.status. On SQLite that is a copy of the table, whose DROP (foreign keys
    on) sets meeting.request_id to NULL: the links are kept aside and written back (as in 7f3a1c5e8d42)."""
    bind = op.get_bind()
    links = bind.execute(sa.text("SELECT id, request_id FROM meeting WHERE request_id IS NOT NULL")).all()
    with op.batch_alter_table("meeting_request", schema=None) as batch_op:
        batch_op.alter_column("status", existing_type=_status(old), type_=_status(new))
    if bind.dialect.name == "sqlite" and links:
        bind.execute(
            sa.text("UPDATE meeting SET request_id = :request_id WHERE id = :id"),
            [{"id": meeting_id, "request_id": request_id} for meeting_id, request_id in links],
        )


def upgrade() -> None:
    op.add_column(
        "meeting_request", sa.Column("must_meet", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column(
        "meeting_request", sa.Column("reminders_sent", sa.Integer(), server_default="0", nullable=False)
    )
    _rebuild_status_check(OLD_STATUSES, NEW_STATUSES)
    op.create_table(
        "partner_exclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "dismissed",
                "not_interested",
                name="exclusionkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["other_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "other_id", "kind"),
    )
    with op.batch_alter_table("partner_exclusion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_exclusion_other_id"), ["other_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_partner_exclusion_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("partner_exclusion")
    # the closest older status: turned down by the organisers
    op.execute(sa.text("UPDATE meeting_request SET status = 'rejected' WHERE status = 'vetoed'"))
    _rebuild_status_check(NEW_STATUSES, OLD_STATUSES)
    # plain DROP COLUMNs: no second copy of the table (and of its links)
    op.drop_column("meeting_request", "reminders_sent")
    op.drop_column("meeting_request", "must_meet")
