from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base, new_key
from missionmatch.models.enums import MeetingStatus, db_enum

if TYPE_CHECKING:
    from missionmatch.models.b2b_session import B2BSession
    from missionmatch.models.meeting_request import MeetingRequest
    from missionmatch.models.mission import Mission
    from missionmatch.models.participant import Participant

meeting_attendee = Table(
    "meeting_attendee",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(Base):
    """Two or more participants at one table in one slot of a B2B session (slot and table 0-based)."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("mission_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("m"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_request.id", ondelete="SET NULL"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("b2b_session.id", ondelete="SET NULL"))
    slot: Mapped[int | None] = mapped_column(Integer)
    table: Mapped[int | None] = mapped_column(Integer)
    # the language pair of the interpreter assigned, e.g. "fr-ja"
    interpreter: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[MeetingStatus] = mapped_column(db_enum(MeetingStatus), default=MeetingStatus.DRAFT)

    mission: Mapped["Mission"] = relationship(back_populates="meetings")
    request: Mapped["MeetingRequest | None"] = relationship()
    session: Mapped["B2BSession | None"] = relationship()
    participants: Mapped[list["Participant"]] = relationship(
        secondary=meeting_attendee, order_by="Participant.id"
    )
