"""Welcome-desk check-in (mark keeps the first time, undo, toggle) and meeting outcomes."""

import datetime as dt

from missionmatch.models import Participant
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
