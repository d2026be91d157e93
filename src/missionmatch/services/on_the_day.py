"""On the day of the mission: the welcome desk checks participants in (or undoes a mistaken mark), and the
table plan records what became of each meeting: held, no-show, or cancelled (freeing the slot)."""

import datetime as dt

from sqlalchemy.orm import Session

from missionmatch.models import Meeting, Participant
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.schedule_writes import change_status

OUTCOMES = {
    "held": MeetingStatus.HELD,
    "no_show": MeetingStatus.NO_SHOW,
    "cancelled": MeetingStatus.CANCELLED,
}


def check_in(participant: Participant, at: dt.datetime) -> None:
    """Marks a participant present; a second mark keeps the first arrival time."""
    participant.checked_in_at = participant.checked_in_at or at


def undo_check_in(participant: Participant) -> None:
    participant.checked_in_at = None


def toggle_check_in(participant: Participant, at: dt.datetime) -> None:
    if participant.checked_in_at:
        undo_check_in(participant)
    else:
        check_in(participant, at)


def record_outcome(session: Session, meeting: Meeting, outcome: str) -> Meeting:
    """Raises KeyError for an outcome that is not one of OUTCOMES, PlacementRefused for a draft (not yet
    announced to anyone) or for a cancelled meeting whose place has been taken since."""
    return change_status(session, meeting, OUTCOMES[outcome], published_only=True)
