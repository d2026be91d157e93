"""What every change of a mission's meetings goes through: the schedule lock, the occupancy rule, and a
flush that turns the database's own refusal of a double booking into a clear refusal.

Hand placements (`meeting_placement`), outcomes on the day (`on_the_day`), withdrawals, the scheduler's
draft (`scheduling_run`), replanning and publication all lock with `row_locks.lock_schedule`, check with
`placement_rules`, and write through `flush_checked`, so a bug in any of them surfaces as a 409 naming the
clash, never as two meetings in one seat.
"""

from collections.abc import Iterable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from missionmatch.models import Meeting
from missionmatch.models.enums import MeetingStatus
from missionmatch.models.meeting import OCCUPYING
from missionmatch.services.placement_rules import PlacementRefused, Refusal, clashes
from missionmatch.services.row_locks import lock_schedule

# the constraints that mean "double booking" (see models/slot_occupancy.py and models/meeting.py)
_OCCUPANCY_CONSTRAINTS = ("slot_occupancy", "uq_meeting_table_in_slot")


def flush_checked(session: Session) -> None:
    """Flushes; a double booking refused by the database becomes PlacementRefused("conflict")."""
    try:
        session.flush()
    except IntegrityError as error:
        if not any(name in str(error.orig) for name in _OCCUPANCY_CONSTRAINTS):
            raise
        raise PlacementRefused([Refusal("conflict")]) from error


def vacate(session: Session, meetings: Iterable[Meeting]) -> None:
    """Takes meetings out of their slots before they are put back elsewhere, so that a batch of moves (two
    meetings swapping slots) never holds one seat twice in between; callers then set the new places."""
    for meeting in meetings:
        meeting.slot = None
    flush_checked(session)


def change_status(
    session: Session, meeting: Meeting, status: MeetingStatus, *, published_only: bool = False
) -> Meeting:
    """The only way a meeting's status changes. Coming back into its slot (a cancelled meeting marked held)
    is refused, with the reasons, when someone or something else has taken its place meanwhile;
    `published_only` refuses a draft (an outcome for a meeting nobody was told about)."""
    lock_schedule(session, meeting.mission_id)
    current = session.get(Meeting, meeting.id)
    if current is None:
        raise PlacementRefused([Refusal("gone")])
    if published_only and current.status == MeetingStatus.DRAFT:
        raise PlacementRefused([Refusal("not_published")])
    return change_status_locked(session, current, status)


def change_status_locked(session: Session, meeting: Meeting, status: MeetingStatus) -> Meeting:
    """`change_status` for a caller that holds the schedule lock and has read the meeting since."""
    if status in OCCUPYING and meeting.placed and not meeting.occupies:
        refusals = clashes(session, meeting)
        if refusals:
            raise PlacementRefused(refusals)
    meeting.status = status
    flush_checked(session)
    return meeting
