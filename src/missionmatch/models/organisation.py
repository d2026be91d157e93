from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base, new_key
from missionmatch.models.enums import OrganisationSize, Side, db_enum

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission
    from missionmatch.models.participant import Participant


class Organisation(Base):
    """A company or institution on one side of a mission."""

    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("mission_id", "key"), UniqueConstraint("mission_id", "name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("org"))
    name: Mapped[str] = mapped_column(String(200))
    side: Mapped[Side] = mapped_column(db_enum(Side))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(100), default="")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    size: Mapped[OrganisationSize | None] = mapped_column(db_enum(OrganisationSize))
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_language: Mapped[str | None] = mapped_column(String(8))

    mission: Mapped["Mission"] = relationship(back_populates="organisations")
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="organisation", order_by="Participant.id"
    )
