"""Greedy construction and ejection insertion of the large-event path, on instances small enough to know
the answer."""

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_greedy import construct, construction_order, try_insert
from missionmatch.scheduling.large_state import State


def _state(meetings: list[Meeting], n_people: int, n_slots: int, n_tables: int, **kw) -> State:
    people = kw.pop("people", tuple(Participant() for _ in range(n_people)))
    return State(Instance("t", n_slots, n_tables, people, tuple(meetings), **kw))


def test_mandatory_first_fixed_then_least_flexible_then_heaviest_optional():
    meetings = [
        Meeting((0, 1), optional=True, weight=1),
        Meeting((2, 3)),
        Meeting((4, 5), fixed_slot=2),
        Meeting((0, 2), optional=True, weight=7),
        Meeting((6, 7), window=frozenset({0})),
    ]
    state = _state(meetings, 8, 3, 4)
    assert construction_order(state) == [2, 4, 1, 3, 0]
    # a `first` set goes before heavier optional meetings
    assert construction_order(state, first={0}) == [2, 4, 1, 0, 3]


def test_construct_places_next_to_earlier_meetings_and_reports_what_is_left():
    meetings = [
        Meeting((0, 1), fixed_slot=1),
        Meeting((0, 2), optional=True, weight=5),
        Meeting((1, 2), optional=True, weight=1),
    ]
    # one table: slot 1 is taken; meeting 1 goes next to meeting 0 (slot 0 or 2 add no break: slot 0 first)
    state = _state(meetings, 3, 3, 1)
    assert construct(state) == []
    assert state.slots() == [1, 0, 2]
    # person 2 meets in slots 0 and 2 whatever the order: the one break a triangle in three slots needs
    assert [state.breaks(p) for p in range(3)] == [0, 0, 1]


def test_construct_leaves_what_does_not_fit():
    meetings = [Meeting((0, 1), optional=True, weight=5), Meeting((0, 2), optional=True, weight=1)]
    state = _state(meetings, 3, 1, 2)
    assert construct(state) == [1]
    assert state.slots() == [0, None]


def test_insertion_ejects_a_lighter_meeting_that_fits_elsewhere():
    # person 0 is away in slot 1; meeting 1 (heavy) can only take slot 0, where the light meeting 0 sits
    people = (Participant(frozenset({1})), Participant(), Participant())
    meetings = [Meeting((1, 2), optional=True, weight=1), Meeting((0, 1), optional=True, weight=9)]
    state = State(Instance("t", 2, 1, people, tuple(meetings)), [0, None])
    assert try_insert(state, 1)
    assert state.slots() == [1, 0]
    assert state.score() == (0, 0, 10)


def test_insertion_that_loses_weight_is_undone():
    # the only slot holds a heavier meeting of the same person: ejecting it would lose weight
    meetings = [Meeting((0, 1), optional=True, weight=9), Meeting((0, 2), optional=True, weight=1)]
    state = State(Instance("t", 1, 2, tuple(Participant() for _ in range(3)), tuple(meetings)), [0, None])
    assert not try_insert(state, 1)
    assert state.slots() == [0, None]
    assert state.score() == (0, 0, 9)


def test_a_mandatory_meeting_is_never_ejected():
    meetings = [Meeting((0, 1)), Meeting((0, 2), optional=True, weight=100)]
    state = State(Instance("t", 1, 2, tuple(Participant() for _ in range(3)), tuple(meetings)), [0, None])
    assert not try_insert(state, 1)
    assert state.slots() == [0, None]
