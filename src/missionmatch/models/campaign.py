import re
import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission


def key_from_name(name: str) -> str:
    """ "Luxembourg–Japan 2025" → "luxembourg-japan-2025": letters and digits of the name without accents,
    the rest as single hyphens ("campaign" when nothing is left, e.g. a name in Japanese only)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")[:60] or "campaign"


def _key_default(context: DefaultExecutionContext) -> str:
    return key_from_name(context.get_current_parameters()["name"])


class Campaign(Base):
    """A programme of missions, e.g. the 2025 Tokyo mission and the three Osaka missions."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    # in URLs (/campaigns/{key}/report) and on the command line; services/campaigns.py keeps it unique
    key: Mapped[str] = mapped_column(String(80), unique=True, index=True, default=_key_default)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")

    missions: Mapped[list["Mission"]] = relationship(back_populates="campaign")
