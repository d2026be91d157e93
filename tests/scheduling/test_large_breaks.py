"""Break reduction of the large-event path: relocations and swaps that lower everybody's breaks, the set of
placed meetings unchanged, meetings with precedences left alone."""

import random
import time

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_breaks import reduce_breaks
from missionmatch.scheduling.large_state import State


def _reduce(state: State) -> int:
    return reduce_breaks(state, time.monotonic() + 60, random.Random(1))


def _state(
    meetings: list[Meeting], n_people: int, n_slots: int, n_tables: int, slots: list[int | None]
) -> State:
    inst = Instance("t", n_slots, n_tables, tuple(Participant() for _ in range(n_people)), tuple(meetings))
    return State(inst, slots)


def test_a_meeting_moves_to_a_free_table_next_to_the_other():
    state = _state([Meeting((0, 1)), Meeting((0, 2))], 3, 3, 1, [0, 2])
    assert state.total_breaks() == 1
    assert _reduce(state) == 1
    assert state.total_breaks() == 0
    assert sorted(state.slots()) in ([0, 1], [1, 2])  # either meeting moved into slot 1


def test_a_swap_when_the_table_is_taken():
    # one table a slot: person 0 meets in slots 0 and 2; slot 1 holds 3-4, which may trade with either
    meetings = [Meeting((0, 1)), Meeting((0, 2)), Meeting((3, 4))]
    state = _state(meetings, 5, 3, 1, [0, 2, 1])
    assert _reduce(state) == 1
    assert state.total_breaks() == 0
    assert state.slots()[2] in (0, 2)
    assert state.n_placed == 3


def test_meetings_with_precedences_stay():
    meetings = [Meeting((0, 1)), Meeting((0, 2), after=(0,))]
    state = _state(meetings, 3, 3, 1, [0, 2])
    assert _reduce(state) == 0
    assert state.slots() == [0, 2]


def test_nothing_to_gain_nothing_changes():
    # a triangle in three slots: someone keeps a break whatever the order
    meetings = [Meeting((0, 1)), Meeting((1, 2)), Meeting((0, 2))]
    state = _state(meetings, 3, 3, 1, [0, 1, 2])
    assert state.total_breaks() == 1
    assert _reduce(state) == 0
    assert state.slots() == [0, 1, 2]
