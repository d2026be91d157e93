"""`repair_mandatory` where it must give up: a meeting no slot can take, a deadline already past, a stop
request. It then says False and leaves the schedule as it was (valid, nothing dropped)."""

from __future__ import annotations

import random
import time

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_repair import missing_mandatory, repair_mandatory
from missionmatch.scheduling.large_state import State


def _two_meetings_one_unseated(away: frozenset[int] = frozenset()) -> State:
    # 0-1 sits in slot 0; 0-2 is missing (2 is away when `away` covers both slots)
    people = (Participant(), Participant(), Participant(away))
    inst = Instance("r", 2, 1, people, (Meeting((0, 1)), Meeting((0, 2))))
    return State(inst, [0, None])


def test_a_meeting_that_no_slot_can_take_is_given_up_at_once() -> None:
    state = _two_meetings_one_unseated(away=frozenset({0, 1}))
    assert not repair_mandatory(state, time.monotonic() + 600, 1, random.Random(0))
    assert (state.slots(), missing_mandatory(state)) == ([0, None], [1])


def test_a_deadline_already_past_or_a_stop_request_changes_nothing() -> None:
    state = _two_meetings_one_unseated()
    assert not repair_mandatory(state, time.monotonic() - 1, 1, random.Random(0))
    assert not repair_mandatory(state, time.monotonic() + 600, 1, random.Random(0), stop=lambda: True)
    assert state.slots() == [0, None]


def test_an_event_with_every_meeting_placed_needs_no_repair() -> None:
    state = _two_meetings_one_unseated()
    state.place(1, 1)
    assert repair_mandatory(state, time.monotonic() - 1, 1, random.Random(0))
    assert state.slots() == [0, 1]


def test_the_repair_moves_a_placed_meeting_to_seat_the_missing_one() -> None:
    # 0-1 sits in slot 1, the only slot 0-2 can take (2 is away in slot 0): 0-1 must move to slot 0
    people = (Participant(), Participant(), Participant(frozenset({0})))
    inst = Instance("r", 2, 1, people, (Meeting((0, 1)), Meeting((0, 2))))
    state = State(inst, [1, None])
    lines: list[str] = []
    assert repair_mandatory(state, time.monotonic() + 600, 1, random.Random(0), size=2, progress=lines.append)
    assert state.slots() == [0, 1]
    assert lines == ["[large] repair: 0 mandatory meetings still to place"]
