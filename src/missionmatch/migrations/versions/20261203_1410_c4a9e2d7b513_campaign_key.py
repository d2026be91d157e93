"""campaign key: a campaign is named in URLs and on the command line by a key made from its name
("Luxembourg–Japan 2025" → "luxembourg-japan-2025"), unique

Revision ID: c4a9e2d7b513
Revises: a91d3c7e5b20
Create Date: 2026-12-03 14:10:00.000000
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4a9e2d7b513"
down_revision: str | None = "a91d3c7e5b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(name: str) -> str:
    """models.campaign.key_from_name as it was when this revision was written."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")[:60] or "campaign"


# plain ALTER TABLE with a default, not a batch copy: with SQLite's foreign keys on, the copy's DROP of the
# campaign table would set every mission's campaign_id to NULL


def upgrade() -> None:
    op.add_column("campaign", sa.Column("key", sa.String(80), nullable=False, server_default=""))
    campaign = sa.table(
        "campaign", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("key")
    )
    bind = op.get_bind()
    taken: set[str] = set()
    for row_id, name in bind.execute(sa.select(campaign.c.id, campaign.c.name).order_by(campaign.c.id)):
        key, number = _key(str(name)), 1
        while key in taken:
            number += 1
            key = f"{_key(str(name))}-{number}"
        taken.add(key)
        bind.execute(sa.update(campaign).where(campaign.c.id == row_id).values(key=key))
    op.create_index("ix_campaign_key", "campaign", ["key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_campaign_key", table_name="campaign")
    op.drop_column("campaign", "key")
