import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime
from missionmatch.models.enums import FollowUp, db_enum

if TYPE_CHECKING:
    from missionmatch.models.meeting import Meeting
    from missionmatch.models.participant import Participant


class Feedback(Base):
    """A participant's rating of a meeting and the follow-up they intend."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("meeting_id", "author_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[FollowUp] = mapped_column(db_enum(FollowUp), default=FollowUp.NONE)
    # when the organisers marked the promised follow-up done (services/follow_ups.py); None: not yet
    follow_up_done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    meeting: Mapped["Meeting"] = relationship()
    author: Mapped["Participant"] = relationship()
