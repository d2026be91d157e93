"""Organisers curate the schedule by hand: move a draft or published meeting to another slot and/or table,
place an accepted request that the scheduler left out, take a meeting out of the draft.

Every placement is checked against the scheduler's hard rules (`placement_rules`) and refused with the exact
reasons. Concurrent placements cannot double-book: the mission's schedule lock is taken first
(`row_locks.lock_schedule`: a PostgreSQL row lock; on SQLite the write lock of the database), then
everything is read afresh and checked, so two requests for the same slot are checked one after the other;
the database's occupancy constraints back this up (`schedule_writes.flush_checked`). A moved published
meeting stays published; the next publication reports it as moved.
"""

from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission, Participant
from missionmatch.models.audit_actor import operation
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.models.meeting import OCCUPYING
from missionmatch.services.placement_rules import PlacementRefused, Refusal, SlotCheck, check_slot
from missionmatch.services.row_locks import lock_rows, lock_schedule
from missionmatch.services.schedule_writes import flush_checked

MOVABLE = (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED)


def _checked(
    session: Session,
    people: list[Participant],
    b2b: B2BSession,
    slot: int,
    table: int | None,
    besides: Meeting | None,
) -> SlotCheck:
    checked = check_slot(session, people, b2b, slot, table, besides=besides)
    if checked.refusals:
        raise PlacementRefused(checked.refusals)
    return checked


def _put(meeting: Meeting, b2b: B2BSession, slot: int, checked: SlotCheck) -> None:
    meeting.session, meeting.slot, meeting.table = b2b, slot, checked.table
    meeting.interpreter = checked.interpreter


def move_meeting(
    session: Session, meeting: Meeting, b2b: B2BSession, slot: int, table: int | None = None
) -> Meeting:
    """Another slot and/or table (None: the first free table), in the same session or another one."""
    if b2b.mission_id != meeting.mission_id:
        raise ValueError("the session belongs to another mission")
    with operation(session, "move_meeting"):
        return _move(session, meeting, b2b, slot, table)


def _move(session: Session, meeting: Meeting, b2b: B2BSession, slot: int, table: int | None) -> Meeting:
    lock_schedule(session, meeting.mission_id)
    current = session.get(Meeting, meeting.id)
    if current is None or current.status not in MOVABLE:
        status = current.status.value if current is not None else "deleted"
        raise PlacementRefused([Refusal("not_movable", {"status": status})])
    _put(current, b2b, slot, _checked(session, list(current.participants), b2b, slot, table, current))
    flush_checked(session)
    return current


def _answered(session: Session, mission_id: int) -> tuple[dict[int, Meeting], dict[frozenset[int], Meeting]]:
    """Placed meetings by the request they answer, and by every pair of people sitting together in them."""
    query = (
        select(Meeting)
        .where(Meeting.mission_id == mission_id, Meeting.slot.is_not(None), Meeting.status.in_(OCCUPYING))
        .order_by(Meeting.id)
        .execution_options(populate_existing=True)
    )
    by_request: dict[int, Meeting] = {}
    by_pair: dict[frozenset[int], Meeting] = {}
    for meeting in session.scalars(query):
        if meeting.request_id is not None:
            by_request.setdefault(meeting.request_id, meeting)
        for pair in combinations([p.id for p in meeting.participants], 2):
            by_pair.setdefault(frozenset(pair), meeting)
    return by_request, by_pair


def _answer(request: MeetingRequest, answered: tuple[dict, dict]) -> Meeting | None:
    by_request, by_pair = answered
    return by_request.get(request.id) or by_pair.get(frozenset((request.requester_id, request.recipient_id)))


def _new_key(session: Session, request: MeetingRequest) -> str:
    """`m-<request key>` as the scheduler names it, with a suffix when an older meeting holds that key."""
    taken = set(session.scalars(select(Meeting.key).where(Meeting.mission_id == request.mission_id)))
    key, number = f"m-{request.key}", 2
    while key in taken:
        key, number = f"m-{request.key}-{number}", number + 1
    return key


def place_request(
    session: Session, request: MeetingRequest, b2b: B2BSession, slot: int, table: int | None = None
) -> Meeting:
    """An accepted request the scheduler did not place, put by hand into a slot: a draft meeting."""
    if b2b.mission_id != request.mission_id:
        raise ValueError("the session belongs to another mission")
    lock_schedule(session, request.mission_id)
    lock_rows(session, MeetingRequest.id, [request.id])
    session.refresh(request)
    if request.status != RequestStatus.ACCEPTED:
        raise PlacementRefused([Refusal("not_accepted", {"status": request.status.value})])
    placed = _answer(request, _answered(session, request.mission_id))
    if placed is not None:
        raise PlacementRefused([Refusal("already_placed", {"meeting": placed.key})])
    waiting = session.scalar(
        select(Meeting).where(
            Meeting.request_id == request.id, Meeting.slot.is_(None), Meeting.status == MeetingStatus.DRAFT
        )
    )
    people = request.attendees  # with the colleagues either side brings
    checked = _checked(session, people, b2b, slot, table, waiting)
    meeting = waiting or Meeting(
        mission_id=request.mission_id,
        key=_new_key(session, request),
        request=request,
        participants=people,
        status=MeetingStatus.DRAFT,
    )
    _put(meeting, b2b, slot, checked)
    session.add(meeting)
    flush_checked(session)
    return meeting


def remove_from_draft(session: Session, meeting: Meeting) -> None:
    """A draft meeting the organiser does not want: deleted (its request, if any, waits to be placed again).
    A published meeting is cancelled instead, so that its participants are told."""
    lock_schedule(session, meeting.mission_id)
    current = session.get(Meeting, meeting.id)
    if current is None or current.status != MeetingStatus.DRAFT:
        status = current.status.value if current is not None else "deleted"
        raise PlacementRefused([Refusal("not_draft", {"status": status})])
    session.delete(current)
    session.flush()


def unplaced_requests(session: Session, mission: Mission) -> list[MeetingRequest]:
    """Accepted requests with no meeting in the schedule yet, oldest first."""
    query = (
        select(MeetingRequest)
        .where(MeetingRequest.mission_id == mission.id, MeetingRequest.status == RequestStatus.ACCEPTED)
        .order_by(MeetingRequest.id)
    )
    answered = _answered(session, mission.id)
    return [request for request in session.scalars(query) if _answer(request, answered) is None]
