"""Organisers change who attends a meeting (a colleague comes instead, or as well).

Like every change of a meeting: under the schedule lock, read afresh, checked by `placement_rules` in its
own slot and table (every attendee free then, the table seating them all, an interpreter where they share
no language), written through `flush_checked`; the occupancy triggers then hold the new attendees' time.
"""

from collections.abc import Sequence

from sqlalchemy.orm import Session

from missionmatch.models import Meeting, Participant
from missionmatch.models.audit_actor import operation
from missionmatch.models.enums import MeetingStatus, Side
from missionmatch.services.placement_rules import PlacementRefused, Refusal, check_slot
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_writes import flush_checked

CHANGEABLE = (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED)


def _checked_people(meeting: Meeting, people: Sequence[Participant]) -> list[Participant]:
    """The new attendees without repeats, in id order; refused unless both sides come."""
    chosen = sorted({p.id: p for p in people}.values(), key=lambda p: p.id)
    if any(p.mission_id != meeting.mission_id for p in chosen):
        raise ValueError("an attendee belongs to another mission")
    erased = [p for p in chosen if p.erased_at is not None]
    if erased:
        raise PlacementRefused([Refusal("attendee_erased", {"name": erased[0].full_name})])
    withdrawn = [p for p in chosen if p.withdrawn_at is not None]
    if withdrawn:
        raise PlacementRefused([Refusal("attendee_withdrawn", {"name": withdrawn[0].full_name})])
    sides = {p.organisation.side for p in chosen}
    if sides != {Side.DELEGATION, Side.HOST}:
        raise PlacementRefused([Refusal("attendees_sides")])
    return chosen


def change_attendees(session: Session, meeting: Meeting, people: Sequence[Participant]) -> Meeting:
    """The meeting's attendees become `people`; refused, with every reason (who is busy in that slot, seats,
    interpreter), when they do not all fit where the meeting is."""
    with operation(session, "change_attendees"):  # services/audit_undo.py can take it back
        return _change_attendees(session, meeting, people)


def _change_attendees(session: Session, meeting: Meeting, people: Sequence[Participant]) -> Meeting:
    lock_schedule(session, meeting.mission_id)
    current = session.get(Meeting, meeting.id, populate_existing=True)
    if current is None:
        raise PlacementRefused([Refusal("gone")])
    if current.status not in CHANGEABLE:
        raise PlacementRefused([Refusal("attendees_fixed", {"status": current.status.value})])
    chosen = _checked_people(current, people)
    request = current.request
    if request is not None:  # the request's two parties stay: the meeting answers their request
        missing = [p for p in (request.requester, request.recipient) if p not in chosen]
        if missing:
            names = ", ".join(p.full_name for p in missing)
            raise PlacementRefused([Refusal("request_parties", {"names": names})])
    if current.placed:
        assert current.session is not None and current.slot is not None
        checked = check_slot(session, chosen, current.session, current.slot, current.table, besides=current)
        if checked.refusals:
            raise PlacementRefused(checked.refusals)
        current.interpreter = checked.interpreter
    current.participants = chosen
    if request is not None:  # a later scheduler run asks the request who comes
        ends = (request.requester_id, request.recipient_id)
        request.companions = [p for p in chosen if p.id not in ends]
    flush_checked(session)
    return current
