"""request approval: missions may have organisers approve each meeting request before it reaches its
recipient; a request gains the statuses `awaiting_approval` and `rejected`, and the reason given

Revision ID: 7f3a1c5e8d42
Revises: 4b7d2e9a6c31
Create Date: 2026-12-03 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7f3a1c5e8d42"
down_revision: str | None = "4b7d2e9a6c31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = ("pending", "accepted", "declined", "expired", "cancelled")
NEW_STATUSES = (*OLD_STATUSES, "awaiting_approval", "rejected")


def _status(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="requeststatus", native_enum=False, create_constraint=True, length=32)


def _rebuild_status_check(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """A new CHECK on meeting_request.status. On SQLite that is a copy of the table, whose DROP (foreign keys
    on) sets meeting.request_id to NULL: the links are kept aside and written back."""
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
    # plain ADD COLUMNs (no table copy of mission, as in 8e4f2b6c1d09)
    op.add_column(
        "mission",
        sa.Column("requests_need_approval", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "meeting_request", sa.Column("rejection_reason", sa.Text(), server_default="", nullable=False)
    )
    _rebuild_status_check(OLD_STATUSES, NEW_STATUSES)


def downgrade() -> None:
    # what the older statuses come closest to: never shown to the recipient (withdrawn), turned down
    op.execute(sa.text("UPDATE meeting_request SET status = 'cancelled' WHERE status = 'awaiting_approval'"))
    op.execute(sa.text("UPDATE meeting_request SET status = 'declined' WHERE status = 'rejected'"))
    _rebuild_status_check(NEW_STATUSES, OLD_STATUSES)
    op.drop_column("meeting_request", "rejection_reason")
    op.drop_column("mission", "requests_need_approval")
