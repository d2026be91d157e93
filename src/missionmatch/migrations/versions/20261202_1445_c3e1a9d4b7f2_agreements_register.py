"""agreements register: status history, signatories, PDF documents, confidentiality; follow-ups done

- agreement.status gains `in_force` and `abandoned`; `cancelled` becomes `abandoned` (the same meaning:
  the agreement will not be concluded), so the CHECK constraint is rebuilt with the new values.
- agreement.confidential (organisers only when true).
- agreement_status_change: the append-only history of statuses (services/agreements.py writes it).
- agreement_signatory, agreement_document (PDFs kept in the database, services/agreement_documents.py).
- feedback.follow_up_done_at: when organisers marked the promised follow-up done.

Revision ID: c3e1a9d4b7f2
Revises: 9c3e51d7a2f4
Create Date: 2026-12-02 14:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from missionmatch.models.datetime_types import UTCDateTime

revision: str = "c3e1a9d4b7f2"
down_revision: str | None = "9c3e51d7a2f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = ("draft", "negotiating", "signed", "cancelled")
NEW_STATUSES = ("draft", "negotiating", "signed", "in_force", "abandoned")


def _status(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="agreementstatus", native_enum=False, create_constraint=True, length=32)


def _agreement_ref(table: str) -> sa.Column:
    return sa.Column(
        "agreement_id",
        sa.Integer(),
        sa.ForeignKey("agreement.id", name=f"fk_{table}_agreement_id_agreement", ondelete="CASCADE"),
        nullable=False,
    )


def _set_status(old: str, new: str) -> None:
    op.execute(sa.text("UPDATE agreement SET status = :new WHERE status = :old").bindparams(old=old, new=new))


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        # the old CHECK refuses the new values: widen it to both sets, rewrite, then narrow to the new set
        batch_op.alter_column(
            "status", existing_type=_status(OLD_STATUSES), type_=_status(OLD_STATUSES + NEW_STATUSES[3:])
        )
        batch_op.add_column(
            sa.Column("confidential", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    _set_status("cancelled", "abandoned")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.alter_column(
            "status", existing_type=_status(OLD_STATUSES + NEW_STATUSES[3:]), type_=_status(NEW_STATUSES)
        )
    op.create_table(
        "agreement_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        _agreement_ref("agreement_status_change"),
        sa.Column("status", _status(NEW_STATUSES), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=254), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_status_change")),
    )
    op.create_table(
        "agreement_signatory",
        sa.Column("id", sa.Integer(), nullable=False),
        _agreement_ref("agreement_signatory"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "organisation_id",
            sa.Integer(),
            sa.ForeignKey(
                "organisation.id",
                name="fk_agreement_signatory_organisation_id_organisation",
                ondelete="SET NULL",
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_signatory")),
    )
    op.create_table(
        "agreement_document",
        sa.Column("id", sa.Integer(), nullable=False),
        _agreement_ref("agreement_document"),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_document")),
    )
    for table in ("agreement_status_change", "agreement_signatory", "agreement_document"):
        op.create_index(op.f(f"ix_{table}_agreement_id"), table, ["agreement_id"], unique=False)
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_done_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_column("follow_up_done_at")
    for table in ("agreement_document", "agreement_signatory", "agreement_status_change"):
        op.drop_index(op.f(f"ix_{table}_agreement_id"), table_name=table)
        op.drop_table(table)
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.alter_column(
            "status", existing_type=_status(NEW_STATUSES), type_=_status(OLD_STATUSES + NEW_STATUSES[3:])
        )
        batch_op.drop_column("confidential")
    # in force is still signed; abandoned is what cancelled meant
    _set_status("in_force", "signed")
    _set_status("abandoned", "cancelled")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.alter_column(
            "status", existing_type=_status(OLD_STATUSES + NEW_STATUSES[3:]), type_=_status(OLD_STATUSES)
        )
