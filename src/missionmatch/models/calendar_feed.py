import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime

if TYPE_CHECKING:
    from missionmatch.models.participant import Participant


class CalendarFeed(Base):
    """A participant's private calendar subscription (/calendar/<token>.ics), polled by calendar apps that
    cannot sign in: the secret token is its only protection, so only its SHA-256 is kept; revoking it
    ends the URL."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    participant: Mapped["Participant"] = relationship()
