"""Meeting requests between participants: send, accept, decline, cancel, expire. Plain functions; the web
and API layers only translate their errors into pages and status codes."""

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Meeting, MeetingRequest, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services.mail import MailSettings
from missionmatch.services.notifications import request_received
from missionmatch.services.row_locks import lock_schedule

DEFAULT_VALIDITY = dt.timedelta(days=7)
MAX_MESSAGE = 2000  # characters of the note sent with a request, whichever interface sends it
OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class RequestRefused(Exception):
    """`code` names the rule (stable, for tests and API clients); the web layer translates it."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass
class Inbox:
    incoming: list[MeetingRequest]
    outgoing: list[MeetingRequest]


def _lock_pair(session: Session, first: Participant, second: Participant) -> None:
    # A no-op write on both rows, in id order: PostgreSQL row-locks them and SQLite takes its write lock, so
    # two concurrent requests for the same pair are checked one after the other.
    for participant_id in sorted((first.id, second.id)):
        session.execute(update(Participant).where(Participant.id == participant_id).values(id=Participant.id))


def open_request_between(session: Session, a: Participant, b: Participant) -> MeetingRequest | None:
    pair = or_(
        (MeetingRequest.requester_id == a.id) & (MeetingRequest.recipient_id == b.id),
        (MeetingRequest.requester_id == b.id) & (MeetingRequest.recipient_id == a.id),
    )
    query = select(MeetingRequest).where(pair, MeetingRequest.status.in_(OPEN_STATUSES))
    return session.scalars(query).first()


def send_request(
    session: Session,
    requester: Participant,
    recipient: Participant,
    message: str = "",
    priority: int = 2,
    valid_for: dt.timedelta = DEFAULT_VALIDITY,
    *,
    mail: MailSettings,
) -> MeetingRequest:
    """Creates a pending request and mails the recipient (every interface: page, API, ...)."""
    if requester.id == recipient.id:
        raise RequestRefused("self")
    if requester.mission_id != recipient.mission_id:
        raise RequestRefused("other_mission")
    if requester.organisation.side == recipient.organisation.side:
        raise RequestRefused("same_side")
    if priority not in (1, 2, 3):
        raise RequestRefused("priority")
    if len(message) > MAX_MESSAGE:
        raise RequestRefused("message")
    _lock_pair(session, requester, recipient)
    expire_pending(session, requester.mission_id)
    if open_request_between(session, requester, recipient) is not None:
        raise RequestRefused("duplicate")
    request = MeetingRequest(
        mission_id=requester.mission_id,
        requester=requester,
        recipient=recipient,
        priority=priority,
        message=message.strip(),
        status=RequestStatus.PENDING,
        created_at=clock.now(),
        expires_at=clock.now() + valid_for,
    )
    session.add(request)
    session.flush()
    request_received(session, mail, request)
    return request


def _transition(session: Session, request: MeetingRequest, new_status: RequestStatus) -> None:
    # Conditional update: of two concurrent answers to one request only one finds it still pending.
    result = session.execute(
        update(MeetingRequest)
        .where(
            MeetingRequest.id == request.id,
            MeetingRequest.status == RequestStatus.PENDING,
            or_(MeetingRequest.expires_at.is_(None), MeetingRequest.expires_at > clock.now()),
        )
        .values(status=new_status)
        .execution_options(synchronize_session=False)
    )
    # an UPDATE gives a CursorResult (it has the rowcount); Session.execute is typed with its base, Result
    if cast(CursorResult, result).rowcount != 1:
        session.refresh(request)
        raise RequestRefused("expired" if request.status == RequestStatus.PENDING else "not_pending")
    session.refresh(request)


def accept_request(session: Session, request: MeetingRequest, by: Participant) -> Meeting:
    """The recipient accepts: the request becomes a draft meeting for the scheduler to place."""
    if request.recipient_id != by.id:
        raise RequestRefused("not_recipient")
    lock_schedule(session, request.mission_id)  # a new meeting: in step with the scheduler's apply
    _transition(session, request, RequestStatus.ACCEPTED)
    meeting = Meeting(
        mission_id=request.mission_id,
        request=request,
        status=MeetingStatus.DRAFT,
        participants=[request.requester, request.recipient],
    )
    session.add(meeting)
    session.flush()
    return meeting


def decline_request(session: Session, request: MeetingRequest, by: Participant) -> None:
    if request.recipient_id != by.id:
        raise RequestRefused("not_recipient")
    _transition(session, request, RequestStatus.DECLINED)


def cancel_request(session: Session, request: MeetingRequest, by: Participant) -> None:
    if request.requester_id != by.id:
        raise RequestRefused("not_requester")
    _transition(session, request, RequestStatus.CANCELLED)


def expire_pending(session: Session, mission_id: int, at: dt.datetime | None = None) -> int:
    """Marks pending requests past their expiry as expired; returns how many."""
    result = session.execute(
        update(MeetingRequest)
        .where(
            MeetingRequest.mission_id == mission_id,
            MeetingRequest.status == RequestStatus.PENDING,
            MeetingRequest.expires_at <= (at or clock.now()),
        )
        .values(status=RequestStatus.EXPIRED)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult, result).rowcount  # an UPDATE's result, as above


def inbox(session: Session, participant: Participant) -> Inbox:
    def query(column):
        return select(MeetingRequest).where(column == participant.id).order_by(MeetingRequest.id.desc())

    return Inbox(
        incoming=list(session.scalars(query(MeetingRequest.recipient_id))),
        outgoing=list(session.scalars(query(MeetingRequest.requester_id))),
    )
