"""Welcome-desk check-in (mark keeps the first time, undo, toggle) and meeting outcomes."""

import datetime as dt

import pytest

from missionmatch.models import Meeting, Participant
from missionmatch.models.enums import MeetingStatus
from missionmatch.services import on_the_day

NINE, TEN = dt.datetime(2025, 5, 27, 9, 0), dt.datetime(2025, 5, 27, 10, 0)


def test_check_in_keeps_the_first_time_and_undo_clears_it() -> None:
    person = Participant()
    on_the_day.check_in(person, NINE)
    on_the_day.check_in(person, TEN)
    assert person.checked_in_at == NINE
    on_the_day.undo_check_in(person)
    assert person.checked_in_at is None


def test_toggle_marks_then_undoes() -> None:
    person = Participant()
    on_the_day.toggle_check_in(person, NINE)
    assert person.checked_in_at == NINE
    on_the_day.toggle_check_in(person, TEN)
    assert person.checked_in_at is None


def test_outcomes_set_the_meeting_status_and_unknown_ones_raise() -> None:
    meeting = Meeting(status=MeetingStatus.PUBLISHED)
    on_the_day.record_outcome(meeting, "no_show")
    assert meeting.status == MeetingStatus.NO_SHOW
    with pytest.raises(KeyError):
        on_the_day.record_outcome(meeting, "teleported")
    assert meeting.status == MeetingStatus.NO_SHOW
