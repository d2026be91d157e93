import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.clock import WallTime
from missionmatch.models.base import Base, new_key
from missionmatch.models.datetime_types import UTCDateTime, WallDateTime
from missionmatch.models.programme import programme_registration

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission
    from missionmatch.models.organisation import Organisation
    from missionmatch.models.profile import Profile
    from missionmatch.models.programme import ProgrammeItem


class Participant(Base):
    """A person attending a mission for an organisation; their side is their organisation's."""

    __tablename__ = "participant"
    # e-mails are stored lower-cased so that uniqueness is case-insensitive on every database
    # a CHECK passes when a value is NULL: no limit, no hosted table
    __table_args__ = (
        UniqueConstraint("mission_id", "email"),
        UniqueConstraint("mission_id", "key"),
        CheckConstraint("min_meetings >= 0", name="min_meetings_not_negative"),
        CheckConstraint("max_meetings >= 0", name="max_meetings_not_negative"),
        CheckConstraint("min_meetings <= max_meetings", name="min_meetings_within_max"),
        CheckConstraint("hosted_table >= 1", name="hosted_table_positive"),
        # the organisers' list is sorted by name by default (services/participant_search.py)
        Index("ix_participant_mission_name", "mission_id", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("p"))
    email: Mapped[str] = mapped_column(String(254))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    # how the name is written: "given_first", "family_first", or NULL: from the profile's language
    # (services/person_names.py, which checks the value)
    name_order: Mapped[str | None] = mapped_column(String(16))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    timezone: Mapped[str | None] = mapped_column(String(64))
    arrives_at: Mapped[WallTime | None] = mapped_column(WallDateTime)
    departs_at: Mapped[WallTime | None] = mapped_column(WallDateTime)
    # set at the welcome desk on the day; absent participants' meetings can be replanned
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # set when the participant's personal data was erased (services/personal_data.py); kept for statistics
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # set when the participant withdrew (services/withdrawal.py); `withdrawal` keeps what the withdrawal
    # cancelled, {"meetings": {id: status}, "requests": {id: status}}, so that an organiser can undo it
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawal: Mapped[dict[str, dict[str, str]] | None] = mapped_column(JSON)
    # meetings wished (min) and accepted (max) over the whole mission; NULL = no limit
    min_meetings: Mapped[int | None] = mapped_column(Integer)
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    # 1-based table number a host keeps in every B2B session (Meeting.table is 0-based); NULL = none.
    # Checked against the sessions' tables and other organisations' tables in services/participant_limits.py
    hosted_table: Mapped[int | None] = mapped_column(Integer)

    mission: Mapped["Mission"] = relationship(back_populates="participants")
    organisation: Mapped["Organisation"] = relationship(back_populates="participants")
    profile: Mapped["Profile | None"] = relationship(
        back_populates="participant", cascade="all, delete-orphan", uselist=False
    )
    unavailability: Mapped[list["Unavailability"]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="Unavailability.starts_at"
    )
    programme_items: Mapped[list["ProgrammeItem"]] = relationship(
        secondary=programme_registration, back_populates="participants", order_by="ProgrammeItem.starts_at"
    )

    @property
    def full_name(self) -> str:
        """In the order the person chose (family name first, as in Japanese, or given name first); with no
        choice, given name first (services/person_names.display_name also reads the profile's language)."""
        if self.name_order == "family_first":
            return f"{self.last_name} {self.first_name}"
        return f"{self.first_name} {self.last_name}"

    @property
    def side(self) -> str:
        return self.organisation.side.value


class Unavailability(Base):
    """A window in which a participant cannot meet (another appointment, travel...)."""

    __tablename__ = "unavailability"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[WallTime] = mapped_column(WallDateTime)
    ends_at: Mapped[WallTime] = mapped_column(WallDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")

    participant: Mapped[Participant] = relationship(back_populates="unavailability")
