"""Who is busy in which slot: one row per attendee of every occupying meeting (see `meeting.OCCUPYING`).

Nothing in the application writes it: database triggers keep it in step with `meeting` and
`meeting_attendee` (migration 20261202_0805), and its primary key refuses a second occupying meeting for
the same person in the same slot, on SQLite and PostgreSQL alike, whichever code path wrote the meetings.
"""

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base


class SlotOccupancy(Base):
    __tablename__ = "slot_occupancy"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_session.id", ondelete="CASCADE"), primary_key=True
    )
    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
