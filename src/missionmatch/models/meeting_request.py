import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base, new_key
from missionmatch.models.datetime_types import UTCDateTime
from missionmatch.models.enums import RequestStatus, db_enum
from missionmatch.models.request_attendee import request_attendee

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission
    from missionmatch.models.participant import Participant


class MeetingRequest(Base):
    """One participant asks another for a meeting; accepted requests become meetings to schedule."""

    __tablename__ = "meeting_request"
    __table_args__ = (
        UniqueConstraint("mission_id", "key"),
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),
        CheckConstraint("requester_id <> recipient_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("r"))
    requester_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    priority: Mapped[int] = mapped_column(Integer, default=2)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RequestStatus] = mapped_column(db_enum(RequestStatus), default=RequestStatus.PENDING)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rejection_reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # told the requester
    # made by organisers, accepted at once: the scheduler places it before anything else it may choose
    must_meet: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # reminders of an unanswered request mailed to its recipient so far (services/request_reminders.py)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # addressed to the recipient's organisation ("any representative of X"): any of them may answer it,
    # and who answers decides who comes; the recipient is the representative it was delivered to
    to_organisation: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    mission: Mapped["Mission"] = relationship(back_populates="meeting_requests")
    requester: Mapped["Participant"] = relationship(foreign_keys=[requester_id])
    recipient: Mapped["Participant"] = relationship(foreign_keys=[recipient_id])
    # colleagues either side brings, besides requester and recipient (see models/request_attendee.py)
    companions: Mapped[list["Participant"]] = relationship(
        secondary=request_attendee, order_by="Participant.id"
    )

    @property
    def attendees(self) -> list["Participant"]:
        """Everybody the request's meeting seats: requester, recipient and the colleagues they bring."""
        core = [self.requester, self.recipient]
        return core + [p for p in self.companions if p not in core]

    @property
    def reached_recipient(self) -> bool:
        """Whether the recipient sees it: not while organisers have still to approve it, nor once rejected
        or vetoed (a recipient who had seen it is mailed the veto)."""
        return self.status not in (
            RequestStatus.AWAITING_APPROVAL,
            RequestStatus.REJECTED,
            RequestStatus.VETOED,
        )

    def answerable_by(self, participant: "Participant") -> bool:
        """The recipient answers; a request to an organisation, any representative of it."""
        if participant.id == self.recipient_id:
            return True
        return self.to_organisation and participant.organisation_id == self.recipient.organisation_id

    def status_at(self, now: dt.datetime) -> RequestStatus:
        """The status as of `now`: a pending request past its expiry reads as expired before the hourly
        clean-up writes it, so that showing a page never has to write."""
        if self.status == RequestStatus.PENDING and self.expires_at is not None and self.expires_at <= now:
            return RequestStatus.EXPIRED
        return self.status
