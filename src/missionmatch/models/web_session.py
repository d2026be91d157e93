"""A signed-in browser: the session cookie carries only a random id whose hash is kept here, so that a
session can be ended at logout, on a password change, or when it has been idle or open too long."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime


class WebSession(Base):
    """One sign-in of one organiser or one participant (exactly one of the two)."""

    __tablename__ = "web_session"
    __table_args__ = (
        CheckConstraint("(organiser_id IS NULL) <> (participant_id IS NULL)", name="one_principal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the cookie's id
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser_account.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)  # the absolute limit, whatever the use
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
