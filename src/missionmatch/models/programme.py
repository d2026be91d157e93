import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.clock import WallTime
from missionmatch.models.base import Base, new_key
from missionmatch.models.datetime_types import UTCDateTime, WallDateTime
from missionmatch.models.enums import ProgrammeKind, db_enum
from missionmatch.models.localized_columns import localized_attribute, mission_language

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission
    from missionmatch.models.organisation import Organisation
    from missionmatch.models.participant import Participant

programme_registration = Table(
    "programme_registration",
    Base.metadata,
    Column("programme_item_id", ForeignKey("programme_item.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
    # when the organiser recorded that the participant came; NULL: did not come, or not recorded yet
    # (the item's `attendance_recorded_at` tells which)
    Column("attended_at", UTCDateTime, nullable=True),
)


class ProgrammeItem(Base):
    """Forum, workshop, company visit, reception...: time during which registered participants cannot meet."""

    __tablename__ = "programme_item"
    __table_args__ = (UniqueConstraint("mission_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("item"))
    kind: Mapped[ProgrammeKind] = mapped_column(db_enum(ProgrammeKind))
    # title, venue and description in every language (models/localized_columns.py)
    title_plain: Mapped[str] = mapped_column("title", String(300))
    title_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    sector: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(100), default="")
    venue_plain: Mapped[str] = mapped_column("venue", String(200), default="")
    venue_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    address: Mapped[str] = mapped_column(String(300), default="")
    host_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    starts_at: Mapped[WallTime] = mapped_column(WallDateTime)
    ends_at: Mapped[WallTime] = mapped_column(WallDateTime)
    capacity: Mapped[int | None] = mapped_column(Integer)
    description_plain: Mapped[str] = mapped_column("description", Text, default="")
    description_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    # when attendance was last recorded; NULL: nobody has said yet who came (the report shows "–")
    attendance_recorded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    title = localized_attribute("title", mission_language)
    venue = localized_attribute("venue", mission_language)
    description = localized_attribute("description", mission_language)

    mission: Mapped["Mission"] = relationship(back_populates="programme_items")
    host_organisation: Mapped["Organisation | None"] = relationship()
    participants: Mapped[list["Participant"]] = relationship(
        secondary=programme_registration, back_populates="programme_items", order_by="Participant.id"
    )
