"""CP-SAT neighbourhoods of the large-event path: the freed meetings are re-decided exactly around the rest,
and an answer that is not at least as good leaves the old placement."""

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_lns import reoptimize
from missionmatch.scheduling.large_state import State


def _state(
    meetings: list[Meeting], n_people: int, n_slots: int, n_tables: int, slots: list[int | None]
) -> State:
    inst = Instance("t", n_slots, n_tables, tuple(Participant() for _ in range(n_people)), tuple(meetings))
    return State(inst, slots)


def test_freed_meetings_get_more_weight_then_fewer_breaks():
    # one table: the light meeting 0 blocks the heavy meeting 1 of the same person in the only free slot
    meetings = [
        Meeting((0, 1), optional=True, weight=1),
        Meeting((0, 2), optional=True, weight=5),
        Meeting((3, 4)),
    ]
    state = _state(meetings, 5, 2, 1, [0, None, 1])
    assert reoptimize(state, [0, 1], time_limit=10) == (1, True)
    assert state.slots() == [None, 0, 1]
    assert state.score() == (1, 0, 5)


def test_breaks_are_closed_among_the_freed_meetings():
    meetings = [Meeting((0, 1)), Meeting((0, 2))]
    state = _state(meetings, 3, 3, 1, [0, 2])
    assert reoptimize(state, [0, 1], time_limit=10) == (1, True)
    assert state.total_breaks() == 0
    assert state.n_placed == 2


def test_the_rest_stays_fixed_and_an_equal_answer_is_kept():
    meetings = [Meeting((0, 1)), Meeting((2, 3))]
    state = _state(meetings, 4, 2, 1, [0, 1])
    improved, proven = reoptimize(state, [1], time_limit=10)
    assert (improved, proven) == (0, True)
    assert state.slots() == [0, 1]  # slot 0 holds meeting 0 and the only table


def test_a_mandatory_meeting_with_nowhere_to_go_restores_the_old_placement():
    meetings = [Meeting((0, 1)), Meeting((0, 2))]
    state = _state(meetings, 3, 2, 1, [0, 1])
    # restricted to slot 0, which meeting 0 keeps: meeting 1 cannot be placed
    assert reoptimize(state, [1], time_limit=10, restrict=0b01) == (-1, False)
    assert state.slots() == [0, 1]
