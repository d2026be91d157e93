"""company meetings: a request may be addressed to an organisation and bring colleagues (request_attendee);
tables of a B2B session have a seat count

Revision ID: a3c9e5f17b26
Revises: c4a9e2d7b513
Create Date: 2026-12-03 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3c9e5f17b26"
down_revision: str | None = "c4a9e2d7b513"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMNs: copying b2b_session or meeting_request on SQLite (foreign keys on) would null the
    # meetings' session_id / request_id and drop the slot occupancy rows; a column CHECK needs no copy
    op.execute(
        "ALTER TABLE b2b_session ADD COLUMN seats INTEGER DEFAULT 4 NOT NULL "
        "CONSTRAINT ck_b2b_session_seats_at_least_two CHECK (seats >= 2)"
    )
    op.add_column(
        "meeting_request",
        sa.Column("to_organisation", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "request_attendee",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_request_attendee_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["meeting_request.id"],
            name=op.f("fk_request_attendee_request_id_meeting_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "participant_id", name=op.f("pk_request_attendee")),
    )


def downgrade() -> None:
    op.drop_table("request_attendee")
    op.drop_column("meeting_request", "to_organisation")
    op.drop_column("b2b_session", "seats")
