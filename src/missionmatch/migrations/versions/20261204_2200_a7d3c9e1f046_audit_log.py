"""audit log: every change to a mission's data, who made it, before and after

Revision ID: a7d3c9e1f046
Revises: e8c4b1f2a657
Create Date: 2026-12-04 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7d3c9e1f046"
down_revision: str | None = "e8c4b1f2a657"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=254), nullable=False),
        sa.Column("operation", sa.String(length=40), nullable=False),
        sa.Column("batch", sa.String(length=32), nullable=False),
        sa.Column("undoes", sa.String(length=32), nullable=True),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=8), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["mission.id"],
            name=op.f("fk_audit_entry_mission_id_mission"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_mission_id_id", "audit_entry", ["mission_id", "id"])
    op.create_index("ix_audit_entry_batch", "audit_entry", ["batch"])


def downgrade() -> None:
    op.drop_index("ix_audit_entry_batch", table_name="audit_entry")
    op.drop_index("ix_audit_entry_mission_id_id", table_name="audit_entry")
    op.drop_table("audit_entry")
