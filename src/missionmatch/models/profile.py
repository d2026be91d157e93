from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base

if TYPE_CHECKING:
    from missionmatch.models.participant import Participant


class Profile(Base):
    """What a participant offers and needs, in the language they wrote it in (kept, never translated)."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    offers: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)

    participant: Mapped["Participant"] = relationship(back_populates="profile")

    @property
    def is_empty(self) -> bool:
        return not (self.offers.strip() or self.needs.strip())
