"""Who may sign in: organiser accounts, participants' one-time login links, API tokens, and the mail
outbox that carries the links. Secrets are kept only as hashes (SHA-256 for tokens, argon2 for passwords)."""

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission
    from missionmatch.models.participant import Participant

organiser_mission = Table(
    "organiser_mission",
    Base.metadata,
    Column("organiser_id", ForeignKey("organiser_account.id", ondelete="CASCADE"), primary_key=True),
    Column("mission_id", ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True),
)


class OrganiserAccount(Base):
    """A person at the chamber of commerce who runs missions; manages only the missions linked to them."""

    __tablename__ = "organiser_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    missions: Mapped[list["Mission"]] = relationship(secondary=organiser_mission, order_by="Mission.id")


class LoginLink(Base):
    """A one-time link mailed to a participant; redeeming it opens a session."""

    __tablename__ = "login_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    participant: Mapped["Participant"] = relationship()


class ApiToken(Base):
    """A bearer token for /api/v1 acting as one organiser or one participant (exactly one of the two)."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser_account.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    organiser: Mapped["OrganiserAccount | None"] = relationship()
    participant: Mapped["Participant | None"] = relationship()


class OutboxMail(Base):
    """Every mail the application sends, kept for organisers to see; `sent_at` is set once delivered."""

    __tablename__ = "outbox_mail"
    # one mail per mailing and recipient: a retried mailing job skips whoever already has theirs
    __table_args__ = (UniqueConstraint("mailing_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int | None] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    # what the mail is about (services/outbox_kinds.py), to filter the outbox; "" for older mails
    kind: Mapped[str] = mapped_column(String(32), default="", server_default="")
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"))
    mailing_id: Mapped[int | None] = mapped_column(ForeignKey("mailing.id", ondelete="CASCADE"))
    resent_from_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_mail.id", ondelete="SET NULL"))
