"""Meeting requests between participants: send, accept, decline, cancel, expire. Plain functions; the web
and API layers only translate their errors into pages and status codes."""

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import (
    Meeting,
    MeetingRequest,
    Mission,
    Participant,
    audit_capture,
    bump_content_revision,
)
from missionmatch.models.audit_actor import operation
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services.notifications import request_answered, request_received
from missionmatch.services.request_checks import OPEN_STATUSES, PairState, pair_state
from missionmatch.services.row_locks import lock_schedule
from missionmatch.settings import MailSettings

DEFAULT_VALIDITY = dt.timedelta(days=7)
MAX_MESSAGE = 2000  # characters of the note sent with a request, whichever interface sends it
# every code send_request refuses with (the API documents them; the page translates each)
SEND_REFUSALS = (
    "self",
    "other_mission",
    "same_side",
    "priority",
    "message",
    "window_not_open",
    "window_closed",
    "limit_reached",
    "duplicate",
    "vetoed",
    "not_interested",
    "unavailable",
)


class RequestRefused(Exception):
    """`code` names the rule (stable, for tests and API clients); the web layer translates it."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass
class Inbox:
    incoming: list[MeetingRequest]
    outgoing: list[MeetingRequest]


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
    """Creates a pending request and mails the recipient (every interface: page, API, ...); where organisers
    approve requests, it awaits their approval instead, unseen by the recipient and unmailed."""
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
    mission, now = requester.mission, clock.now()
    _check_window(mission, now)
    # The revision bump the new request needs anyway, done first: it takes SQLite's write lock, or on
    # PostgreSQL the mission's row lock, so that concurrent sends of the mission (same pair, same requester's
    # count) are checked one after the other; the flush then bumps no more (models/content_revision.py).
    bump_content_revision(session, requester.mission_id)
    expire_pending(session, requester.mission_id)
    _check_pair(requester, recipient, pair_state(session, requester, recipient))
    awaiting = mission.requests_need_approval
    request = MeetingRequest(
        mission_id=requester.mission_id,
        requester=requester,
        recipient=recipient,
        priority=priority,
        message=message.strip(),
        status=RequestStatus.AWAITING_APPROVAL if awaiting else RequestStatus.PENDING,
        created_at=now,
        # awaiting approval, no answer is due yet (the approval sets it)
        expires_at=None if awaiting else answer_due(mission, now, valid_for),
        companions=[],  # known empty: setting them later (company_requests) then reads nothing
    )
    session.add(request)
    session.flush()
    if not awaiting:
        request_received(session, mail, request)
    return request


def answer_due(mission: Mission, now: dt.datetime, valid_for: dt.timedelta) -> dt.datetime:
    """Within a request window, answers are due when it closes; without one, `valid_for` from now."""
    return mission.requests_close_at or now + valid_for


def _check_window(mission: Mission, now: dt.datetime) -> None:
    if mission.requests_open_at is not None and now < mission.requests_open_at:
        raise RequestRefused("window_not_open")
    if mission.requests_close_at is not None and now >= mission.requests_close_at:
        raise RequestRefused("window_closed")


def _check_pair(requester: Participant, recipient: Participant, state: PairState) -> None:
    limit = requester.mission.max_open_requests
    if limit is not None and state.open_of_requester >= limit:
        raise RequestRefused("limit_reached")
    if state.open_between:
        raise RequestRefused("duplicate")
    if recipient.withdrawn_at is not None or requester.withdrawn_at is not None:
        raise RequestRefused("unavailable")  # withdrawn from the mission (the organisers may undo it)
    if state.vetoed:
        raise RequestRefused("vetoed")
    if state.requester_not_interested:
        raise RequestRefused("not_interested")
    if state.recipient_not_interested:
        raise RequestRefused("unavailable")  # the recipient's own list is theirs: not named to the requester


def open_requests_of(session: Session, requester: Participant) -> int:
    """How many of the requester's requests are open or accepted (what the mission's limit counts)."""
    query = select(func.count()).where(
        MeetingRequest.requester_id == requester.id, MeetingRequest.status.in_(OPEN_STATUSES)
    )
    return session.scalar(query) or 0


def transition(
    session: Session,
    request: MeetingRequest,
    new_status: RequestStatus,
    current: RequestStatus = RequestStatus.PENDING,
    **values: object,
) -> None:
    """`current` -> `new_status` (and `values`), if the request is still `current` and not past its expiry."""
    # Conditional update: of two concurrent answers to one request only one finds it still as it was.
    result = session.execute(
        update(MeetingRequest)
        .where(
            MeetingRequest.id == request.id,
            MeetingRequest.status == current,
            or_(MeetingRequest.expires_at.is_(None), MeetingRequest.expires_at > clock.now()),
        )
        .values(status=new_status, **values)
        .execution_options(synchronize_session=False)
    )
    # an UPDATE gives a CursorResult (it has the rowcount); Session.execute is typed with its base, Result
    if cast(CursorResult, result).rowcount != 1:
        session.refresh(request)
        raise RequestRefused("expired" if request.status == current else "not_pending")
    bump_content_revision(session, request.mission_id)  # a bulk UPDATE is no flush: cached pages must know
    changes = {"status": (current, new_status)} | {
        key: (getattr(request, key), value) for key, value in values.items()
    }
    about = [request.requester_id, request.recipient_id]
    audit_capture.record(session, request.mission_id, "request", request.id, "updated", changes, about)
    session.refresh(request)


def accept_request(
    session: Session, request: MeetingRequest, by: Participant, *, mail: MailSettings
) -> Meeting:
    """The recipient accepts: the request becomes a draft meeting for the scheduler to place; the requester
    is told."""
    if not request.answerable_by(by):
        raise RequestRefused("not_recipient")
    lock_schedule(session, request.mission_id)  # a new meeting: in step with the scheduler's apply
    transition(session, request, RequestStatus.ACCEPTED)
    meeting = Meeting(
        mission_id=request.mission_id,
        request=request,
        status=MeetingStatus.DRAFT,
        participants=request.attendees,  # with the colleagues either side brings (company_requests)
    )
    session.add(meeting)
    session.flush()
    request_answered(session, mail, request)
    return meeting


def decline_request(
    session: Session, request: MeetingRequest, by: Participant, *, mail: MailSettings
) -> None:
    """The recipient declines; the requester is told."""
    if not request.answerable_by(by):
        raise RequestRefused("not_recipient")
    with operation(session, "decline_request"):  # services/audit_undo.py can take it back
        transition(session, request, RequestStatus.DECLINED)
    request_answered(session, mail, request)


def cancel_request(session: Session, request: MeetingRequest, by: Participant) -> None:
    """The requester withdraws a request not yet answered (still awaiting approval, or pending)."""
    if request.requester_id != by.id:
        raise RequestRefused("not_requester")
    current = request.status if request.status == RequestStatus.AWAITING_APPROVAL else RequestStatus.PENDING
    transition(session, request, RequestStatus.CANCELLED, current)


def act_on_request(
    session: Session, request: MeetingRequest, by: Participant, action: str, *, mail: MailSettings
) -> None:
    """`accept`, `decline` (the recipient) or `cancel` (the requester), by name, as pages and the API ask."""
    if action == "accept":
        accept_request(session, request, by, mail=mail)
    elif action == "decline":
        decline_request(session, request, by, mail=mail)
    else:
        cancel_request(session, request, by)


def expire_pending(session: Session, mission_id: int | None, at: dt.datetime | None = None) -> int:
    """Marks pending requests past their expiry as expired (of one mission, or of all: None); how many.
    A bulk UPDATE (one statement on every request sent), so the audit entries are written here, as the
    operation "expire_requests" of whoever runs it (the hourly job, the command line, or the sender whose
    request triggered it)."""
    of_mission = [] if mission_id is None else [MeetingRequest.mission_id == mission_id]
    expired = session.execute(
        update(MeetingRequest)
        .where(
            *of_mission,
            MeetingRequest.status == RequestStatus.PENDING,
            MeetingRequest.expires_at <= (at or clock.now()),
        )
        .values(status=RequestStatus.EXPIRED)
        .returning(
            MeetingRequest.id,
            MeetingRequest.mission_id,
            MeetingRequest.requester_id,
            MeetingRequest.recipient_id,
        )
        .execution_options(synchronize_session=False)
    ).all()
    if expired:
        changes = {"status": (RequestStatus.PENDING.value, RequestStatus.EXPIRED.value)}
        rows = [(row[1], row[0], changes, (row[2], row[3])) for row in sorted(expired)]
        with operation(session, "expire_requests"):
            audit_capture.record_rows(session, "request", "updated", rows)
    return len(expired)


def addressed_to_organisation(session: Session, participant: Participant) -> list[MeetingRequest]:
    """Requests to the participant's organisation delivered to a colleague ("any representative")."""
    query = (
        select(MeetingRequest)
        .join(Participant, Participant.id == MeetingRequest.recipient_id)
        .where(
            MeetingRequest.to_organisation,
            Participant.organisation_id == participant.organisation_id,
            MeetingRequest.recipient_id != participant.id,
        )
    )
    return list(session.scalars(query))


def inbox(session: Session, participant: Participant) -> Inbox:
    def query(column):
        return select(MeetingRequest).where(column == participant.id).order_by(MeetingRequest.id.desc())

    incoming = list(session.scalars(query(MeetingRequest.recipient_id)))
    incoming += addressed_to_organisation(session, participant)
    incoming.sort(key=lambda r: r.id, reverse=True)
    return Inbox(
        incoming=[r for r in incoming if r.reached_recipient],
        outgoing=list(session.scalars(query(MeetingRequest.requester_id))),
    )
