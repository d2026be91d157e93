from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission


class Campaign(Base):
    """A programme of missions, e.g. the 2025 Tokyo mission and the three Osaka missions."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")

    missions: Mapped[list["Mission"]] = relationship(back_populates="campaign")
