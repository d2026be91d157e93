"""import uploads and mappings: the sheet kept between the import's steps, the mapping saved per mission

Revision ID: 3c8e1f5a9b27
Revises: a3c6e9f2b417
Create Date: 2026-12-04 21:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from missionmatch.models.datetime_types import UTCDateTime

revision: str = "3c8e1f5a9b27"
down_revision: str | None = "a3c6e9f2b417"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("choice", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["mission.id"],
            name=op.f("fk_import_upload_mission_id_mission"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_upload")),
    )
    op.create_index(op.f("ix_import_upload_mission_id"), "import_upload", ["mission_id"], unique=False)
    op.create_table(
        "import_mapping",
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("key_field", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["mission.id"],
            name=op.f("fk_import_mapping_mission_id_mission"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mission_id", name=op.f("pk_import_mapping")),
    )


def downgrade() -> None:
    op.drop_table("import_mapping")
    op.drop_index(op.f("ix_import_upload_mission_id"), table_name="import_upload")
    op.drop_table("import_upload")
