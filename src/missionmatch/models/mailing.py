"""A mailing: one invitation or reminder an organiser sent to chosen participants, through a job. Its
recipients are fixed when it is created, so a retried job mails the same people; the outbox keeps at most one
mail per mailing and participant (`uq_outbox_mail_mailing_id`), so nobody gets the same mail twice."""

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime
from missionmatch.models.enums import db_enum


class MailingKind(StrEnum):
    INVITATION = "invitation"  # a personal sign-in link and what the mission is
    PROFILE = "profile"  # your profile is incomplete
    REQUESTS = "requests"  # requests await your answer
    AGENDA = "agenda"  # your agenda is published


class Mailing(Base):
    __tablename__ = "mailing"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MailingKind] = mapped_column(db_enum(MailingKind))
    # how the recipients were chosen: {"scope": "not_signed_in" | "side" | "selection", "side": ...}
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recipient_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    requested_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
