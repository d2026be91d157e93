"""Fairness repair of the large-event path: a meeting moves to cut someone's break, else their lightest run
of optional meetings goes; mandatory meetings are never dropped."""

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_fairness import enforce_fairness
from missionmatch.scheduling.large_state import State


def _state(
    people: tuple[Participant, ...], meetings: list[Meeting], n_slots: int, slots: list[int | None]
) -> State:
    return State(Instance("t", n_slots, 3, people, tuple(meetings)), slots)


def test_a_meeting_moves_next_to_the_other_to_close_a_break():
    people = tuple(Participant() for _ in range(3))
    state = _state(people, [Meeting((0, 1)), Meeting((0, 2))], 4, [0, 3])
    assert state.breaks(0) == 1
    assert enforce_fairness(state, 0)
    assert state.slots() == [2, 3]  # slot 1 would leave the break; slot 2 closes it
    assert state.total_breaks() == 0


def test_the_lightest_run_of_optional_meetings_goes_when_nothing_can_move():
    people = (Participant(frozenset({1})), Participant(), Participant())
    meetings = [Meeting((0, 1), optional=True, weight=1), Meeting((0, 2), optional=True, weight=5)]
    state = _state(people, meetings, 3, [0, 2])
    assert enforce_fairness(state, 0)
    assert state.slots() == [None, 2]


def test_a_break_within_the_allowance_stays():
    people = (Participant(frozenset({1})), Participant(), Participant())
    meetings = [Meeting((0, 1), optional=True, weight=1), Meeting((0, 2), optional=True, weight=5)]
    state = _state(people, meetings, 3, [0, 2])
    assert enforce_fairness(state, 1)
    assert state.slots() == [0, 2]


def test_mandatory_meetings_are_never_dropped():
    people = (Participant(frozenset({1})), Participant(), Participant())
    state = _state(people, [Meeting((0, 1)), Meeting((0, 2))], 3, [0, 2])
    assert not enforce_fairness(state, 0)
    assert state.slots() == [0, 2]
