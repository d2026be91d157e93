"""Withdrawing from an accepted request before its meeting takes place: either of the two may (both had
agreed); the meeting is removed from the draft or cancelled, the request reads as cancelled, and the other
one is mailed. A must-meet meeting is the organisers' to stop (a veto), not a participant's."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Meeting, MeetingRequest, Participant
from missionmatch.models.enums import RequestStatus
from missionmatch.services.meeting_requests import RequestRefused
from missionmatch.services.request_steering import TAKEN_PLACE, stop_meetings
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_writes import flush_checked
from missionmatch.services.steering_mails import request_withdrawn
from missionmatch.settings import MailSettings


def withdraw_accepted(
    session: Session, request: MeetingRequest, by: Participant, *, mail: MailSettings
) -> None:
    if by.id not in (request.requester_id, request.recipient_id):
        raise RequestRefused("not_requester")
    lock_schedule(session, request.mission_id)
    current = session.get(MeetingRequest, request.id)
    if current is None or current.status != RequestStatus.ACCEPTED:
        raise RequestRefused("not_pending")
    if current.must_meet:
        raise RequestRefused("must_meet")
    meetings = session.scalars(select(Meeting).where(Meeting.request_id == current.id)).all()
    if any(m.status in TAKEN_PLACE for m in meetings):
        raise RequestRefused("already_held")
    stop_meetings(session, meetings)
    current.status = RequestStatus.CANCELLED
    flush_checked(session)
    other = current.recipient if by.id == current.requester_id else current.requester
    request_withdrawn(session, mail, current, by=by, told=other)
