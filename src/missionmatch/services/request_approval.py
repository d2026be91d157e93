"""Organisers' approval of meeting requests, where the mission asks for it: a new request awaits approval,
unseen by its recipient, until an organiser approves it (it then reaches the recipient, mailed as any
request) or rejects it with a reason (the requester is told). Plain functions, for every interface."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.db import MAX_ID
from missionmatch.models import MeetingRequest, Mission
from missionmatch.models.enums import RequestStatus
from missionmatch.services.meeting_requests import (
    DEFAULT_VALIDITY,
    RequestRefused,
    answer_due,
    transition,
)
from missionmatch.services.notifications import request_received, request_rejected
from missionmatch.settings import MailSettings

MAX_REASON = 1000  # characters of a rejection's reason, mailed to the requester


@dataclass(frozen=True)
class BulkApproval:
    approved: int
    skipped: int  # no longer awaiting approval (answered meanwhile), or the window has closed


def approve_request(
    session: Session,
    request: MeetingRequest,
    valid_for: dt.timedelta = DEFAULT_VALIDITY,
    *,
    mail: MailSettings,
) -> None:
    """The request reaches its recipient, who is mailed; the answer is due as for a request sent now."""
    mission, now = request.mission, clock.now()
    if mission.requests_close_at is not None and now >= mission.requests_close_at:
        raise RequestRefused("window_closed")
    due = answer_due(mission, now, valid_for)
    transition(session, request, RequestStatus.PENDING, RequestStatus.AWAITING_APPROVAL, expires_at=due)
    request_received(session, mail, request)


def reject_request(session: Session, request: MeetingRequest, reason: str, *, mail: MailSettings) -> None:
    """The request never reaches its recipient; the requester is mailed the reason (required)."""
    reason = reason.strip()
    if not reason:
        raise RequestRefused("reason_required")
    if len(reason) > MAX_REASON:
        raise RequestRefused("reason_too_long")
    transition(
        session, request, RequestStatus.REJECTED, RequestStatus.AWAITING_APPROVAL, rejection_reason=reason
    )
    request_rejected(session, mail, request)


def approve_requests(
    session: Session,
    mission: Mission,
    request_ids: list[int],
    valid_for: dt.timedelta = DEFAULT_VALIDITY,
    *,
    mail: MailSettings,
) -> BulkApproval:
    """Approves those of `request_ids` that are the mission's and still await approval; the others are
    counted as skipped (an organiser's board may be older than a colleague's decision)."""
    possible = [i for i in set(request_ids) if 1 <= i <= MAX_ID]  # others name no row (and upset drivers)
    query = select(MeetingRequest).where(
        MeetingRequest.mission_id == mission.id, MeetingRequest.id.in_(possible)
    )
    approved = 0
    for request in session.scalars(query.order_by(MeetingRequest.id)).all():
        try:
            approve_request(session, request, valid_for, mail=mail)
        except RequestRefused:
            continue
        approved += 1
    return BulkApproval(approved, len(set(request_ids)) - approved)
