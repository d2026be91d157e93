"""Reminders of unanswered meeting requests: a pending request's recipient is mailed when its answer is due
within three days, and again within one (a request sent late gets one reminder, not two at once). Run
hourly with the clean-up (tasks/cleanup.py) and by `missionmatch cleanup`; the count kept on each request
makes a second run, or a second worker, mail nobody twice."""

import datetime as dt
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import MeetingRequest
from missionmatch.models.enums import RequestStatus
from missionmatch.services.steering_mails import request_reminder
from missionmatch.settings import MailSettings

# how long before the answer is due each reminder goes out, earliest first
REMINDERS = (dt.timedelta(days=3), dt.timedelta(days=1))


def reminders_due(expires_at: dt.datetime, now: dt.datetime) -> int:
    """How many reminders a request due at `expires_at` should have had by `now`."""
    return sum(1 for before in REMINDERS if now >= expires_at - before)


def send_reminders(session: Session, mail: MailSettings, now: dt.datetime | None = None) -> int:
    """Mails every recipient whose pending request is owed a reminder; how many were mailed."""
    moment = now or clock.now()
    query = select(MeetingRequest).where(
        MeetingRequest.status == RequestStatus.PENDING,
        MeetingRequest.expires_at > moment,
        MeetingRequest.expires_at <= moment + REMINDERS[0],
        MeetingRequest.reminders_sent < len(REMINDERS),
    )
    sent = 0
    for request in session.scalars(query.order_by(MeetingRequest.id)).all():
        due = reminders_due(request.expires_at or moment, moment)
        if due <= request.reminders_sent:
            continue
        # conditional: of two runs at once, only the one that finds the count unchanged mails
        claimed = session.execute(
            update(MeetingRequest)
            .where(MeetingRequest.id == request.id, MeetingRequest.reminders_sent == request.reminders_sent)
            .values(reminders_sent=due)
            .execution_options(synchronize_session=False)
        )
        if cast(CursorResult, claimed).rowcount == 1:  # an UPDATE's result has the row count
            session.refresh(request)
            request_reminder(session, mail, request)
            sent += 1
    return sent
