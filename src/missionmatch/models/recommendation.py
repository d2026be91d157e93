import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime

if TYPE_CHECKING:
    from missionmatch.models.participant import Participant


class Recommendation(Base):
    """A partner the matcher proposes to a participant, with the reasons shown to them."""

    __tablename__ = "recommendation"
    __table_args__ = (UniqueConstraint("participant_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)  # 1 = best
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # a mutual pair the scheduler may place in empty slots
    suggested_meeting: Mapped[bool] = mapped_column(default=False)
    embedder: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    participant: Mapped["Participant"] = relationship(foreign_keys=[participant_id])
    candidate: Mapped["Participant"] = relationship(foreign_keys=[candidate_id])
