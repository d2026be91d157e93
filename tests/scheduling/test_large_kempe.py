"""Kempe-chain insertion: a two-person meeting whose people are never free together gets placed by swapping
two slots along a chain; a chain that cannot be swapped is undone exactly."""

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_kempe import kempe_insert
from missionmatch.scheduling.large_state import State


def _state(people: tuple[Participant, ...], meetings: list[Meeting], slots: list[int | None]) -> State:
    return State(Instance("t", 2, 2, people, tuple(meetings)), slots)


def test_a_chain_swap_frees_both_people_in_one_slot():
    # 0 is busy in slot 1 (with 2), 1 in slot 0 (with 3): no slot where both are free
    people = tuple(Participant() for _ in range(4))
    state = _state(people, [Meeting((0, 2)), Meeting((1, 3)), Meeting((0, 1))], [1, 0, None])
    assert state.free_mask(2) == 0
    assert kempe_insert(state, 2)
    assert state.slots() == [0, 0, 1]


def test_a_chain_that_breaks_a_constraint_is_undone():
    # 2 is away in slot 0, and 3 in slot 1: neither of the chain's meetings can change slot
    people = (Participant(), Participant(), Participant(frozenset({0})), Participant(frozenset({1})))
    state = _state(people, [Meeting((0, 2)), Meeting((1, 3)), Meeting((0, 1))], [1, 0, None])
    assert not kempe_insert(state, 2)
    assert state.slots() == [1, 0, None]
    assert (state.busy, state.count, state.n_placed) == ([0b10, 0b01, 0b10, 0b01], [1, 1, 1, 1], 2)


def test_only_unplaced_two_person_meetings_within_capacity():
    people = (Participant(max_meetings=1), Participant(), Participant(), Participant())
    state = _state(
        people, [Meeting((0, 2)), Meeting((1, 3)), Meeting((0, 1)), Meeting((1, 2, 3))], [1, 0, None, None]
    )
    assert not kempe_insert(state, 2)  # person 0 has had their one meeting
    assert not kempe_insert(state, 3)  # three people: no chain of pairs
    assert not kempe_insert(state, 0)  # already placed
    assert state.slots() == [1, 0, None, None]
