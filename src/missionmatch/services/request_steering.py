"""Organisers steer the requests of a mission beyond approving them: a veto stops a request, or an accepted
meeting not yet held, with a reason, and the pair cannot be asked again in this mission; a must-meet meeting
is one they add themselves between two participants, accepted at once, which the scheduler places before
anything it may choose (services/scheduling_candidates.py). Both under the schedule lock."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Meeting, MeetingRequest, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus, Side
from missionmatch.services.meeting_requests import RequestRefused, open_request_between
from missionmatch.services.pair_blocks import vetoed_between
from missionmatch.services.request_approval import MAX_REASON
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_writes import change_status_locked, flush_checked
from missionmatch.services.steering_mails import must_meet_added, request_vetoed
from missionmatch.settings import MailSettings

VETOABLE = (RequestStatus.AWAITING_APPROVAL, RequestStatus.PENDING, RequestStatus.ACCEPTED)
TAKEN_PLACE = (MeetingStatus.HELD, MeetingStatus.NO_SHOW)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise RequestRefused("reason_required")
    if len(reason) > MAX_REASON:
        raise RequestRefused("reason_too_long")
    return reason


def veto_request(session: Session, request: MeetingRequest, reason: str, *, mail: MailSettings) -> None:
    """Stops an open request, or an accepted one whose meeting has not taken place (its draft is removed, a
    published one cancelled: the next publication tells both); whoever saw it is mailed the reason."""
    reason = _reason(reason)
    lock_schedule(session, request.mission_id)
    current = session.get(MeetingRequest, request.id)
    if current is None or current.status not in VETOABLE:
        raise RequestRefused("not_pending")
    meetings = session.scalars(select(Meeting).where(Meeting.request_id == current.id)).all()
    if any(m.status in TAKEN_PLACE for m in meetings):
        raise RequestRefused("already_held")
    seen = current.reached_recipient
    stop_meetings(session, meetings)
    current.status, current.rejection_reason = RequestStatus.VETOED, reason
    flush_checked(session)
    request_vetoed(session, mail, current, recipient_told=seen)


def veto_meeting(session: Session, meeting: Meeting, reason: str, *, mail: MailSettings) -> MeetingRequest:
    """A meeting not yet held, whether it came from a request or from the matcher's suggestions: its request
    is vetoed (a suggestion gets a vetoed request of its own, the record of the veto)."""
    reason = _reason(reason)
    if meeting.request is not None:
        veto_request(session, meeting.request, reason, mail=mail)
        return meeting.request
    lock_schedule(session, meeting.mission_id)
    current = session.get(Meeting, meeting.id)
    if current is None or current.status == MeetingStatus.CANCELLED:
        raise RequestRefused("not_pending")
    if current.status in TAKEN_PLACE:
        raise RequestRefused("already_held")
    delegate, host = _sides(current.participants)
    record = MeetingRequest(
        mission_id=current.mission_id,
        requester=delegate,
        recipient=host,
        status=RequestStatus.VETOED,
        rejection_reason=reason,
        created_at=clock.now(),
    )
    session.add(record)
    stop_meetings(session, [current])
    flush_checked(session)
    request_vetoed(session, mail, record, recipient_told=True)  # both had it in their schedule
    return record


def stop_meetings(session: Session, meetings: Sequence[Meeting]) -> None:
    """Under the schedule lock: a draft is removed, a published meeting cancelled (the next publication
    tells its participants)."""
    for meeting in meetings:
        if meeting.status == MeetingStatus.DRAFT:
            session.delete(meeting)
        elif meeting.status != MeetingStatus.CANCELLED:
            change_status_locked(session, meeting, MeetingStatus.CANCELLED)


def _sides(people: list[Participant]) -> tuple[Participant, Participant]:
    delegates = [p for p in people if p.organisation.side == Side.DELEGATION]
    hosts = [p for p in people if p.organisation.side == Side.HOST]
    if not delegates or not hosts:
        raise RequestRefused("same_side")
    return delegates[0], hosts[0]


def add_must_meet(
    session: Session, mission: Mission, first: Participant, second: Participant, *, mail: MailSettings
) -> MeetingRequest:
    """An accepted must-meet request and its draft meeting between the two (an open request between them
    becomes it); both are mailed. Refused for a vetoed pair, or one that already has a meeting."""
    if {first.mission_id, second.mission_id} != {mission.id}:
        raise RequestRefused("other_mission")
    delegate, host = _sides([first, second])
    lock_schedule(session, mission.id)
    if vetoed_between(session, delegate, host):
        raise RequestRefused("vetoed")
    request = open_request_between(session, delegate, host)
    if request is not None and request.status == RequestStatus.ACCEPTED:
        if request.must_meet:
            raise RequestRefused("duplicate")
        request.must_meet = True  # already to be placed: now before anything else
    else:
        if _meeting_between(session, delegate, host):
            raise RequestRefused("duplicate")
        if request is None:
            request = MeetingRequest(mission_id=mission.id, requester=delegate, recipient=host)
            request.created_at, request.priority = clock.now(), 3
            session.add(request)
        request.status, request.must_meet, request.expires_at = RequestStatus.ACCEPTED, True, None
        session.add(
            Meeting(
                mission_id=mission.id,
                request=request,
                status=MeetingStatus.DRAFT,
                participants=[request.requester, request.recipient],
            )
        )
    flush_checked(session)
    must_meet_added(session, mail, request)
    return request


def _meeting_between(session: Session, a: Participant, b: Participant) -> bool:
    """Whether the two already share a meeting of this mission that is not cancelled."""
    live = Meeting.status != MeetingStatus.CANCELLED
    query = select(Meeting).where(Meeting.mission_id == a.mission_id, live)
    return any({a.id, b.id} <= {p.id for p in m.participants} for m in session.scalars(query))
