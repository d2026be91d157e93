from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base, new_key
from missionmatch.models.enums import MeetingStatus, db_enum

if TYPE_CHECKING:
    from missionmatch.models.b2b_session import B2BSession
    from missionmatch.models.meeting_request import MeetingRequest
    from missionmatch.models.mission import Mission
    from missionmatch.models.participant import Participant

# The one definition of what occupies a slot: a placed meeting in one of these statuses holds its table and
# its attendees' time (a cancelled one frees both). Services, the scheduler's fixed meetings, the table plan
# and the database constraints (the index below, the triggers of `slot_occupancy`) all read it from here.
OCCUPYING = (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)
# occupying meetings that a new draft schedule must keep where they are (drafts are rebuilt)
SETTLED = tuple(status for status in OCCUPYING if status != MeetingStatus.DRAFT)
OCCUPYING_SQL = "status IN ({})".format(", ".join(f"'{status.value}'" for status in OCCUPYING))

meeting_attendee = Table(
    "meeting_attendee",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(Base):
    """Two or more participants at one table in one slot of a B2B session (slot and table 0-based)."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("mission_id", "key"),
        # one occupying meeting per table and slot, whatever wrote it
        Index(
            "uq_meeting_table_in_slot",
            "session_id",
            "slot",
            "table",
            unique=True,
            sqlite_where=text(OCCUPYING_SQL),
            postgresql_where=text(OCCUPYING_SQL),
        ),
    )

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

    @property
    def placed(self) -> bool:
        return self.session_id is not None and self.slot is not None

    @property
    def occupies(self) -> bool:
        """Holds its slot, table and attendees' time (see OCCUPYING)."""
        return self.placed and self.status in OCCUPYING
