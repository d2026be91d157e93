"""The incremental state of the large-event path: masks, breaks, and every hard constraint kept by
`free_mask`, on hand-made instances where the right answer is known."""

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_state import State, bits, breaks_of


def _instance(
    meetings: list[Meeting], n_people: int = 4, n_slots: int = 4, n_tables: int = 2, **kw
) -> Instance:
    people = kw.pop("people", tuple(Participant() for _ in range(n_people)))
    return Instance("t", n_slots, n_tables, people, tuple(meetings), **kw)


def test_bits_and_breaks_of_masks():
    assert bits(0) == []
    assert bits(0b101101) == [0, 2, 3, 5]
    assert breaks_of(0) == 0
    assert breaks_of(0b111) == 0
    assert breaks_of(0b1011) == 1
    assert breaks_of(0b1010101) == 3


def test_place_and_remove_keep_the_counts():
    inst = _instance([Meeting((0, 1), optional=True, weight=3), Meeting((0, 2))])
    state = State(inst)
    state.place(0, 0)
    state.place(1, 2)
    assert (state.busy[0], state.busy[1], state.busy[2]) == (0b101, 0b001, 0b100)
    assert state.breaks(0) == 1 and state.total_breaks() == 1
    assert state.score() == (1, 0, 3)
    assert state.at[0] == {0: 0, 2: 1}
    assert state.remove(0) == 0
    assert (state.busy[0], state.count[0], state.placed_weight, state.n_placed) == (0b100, 1, 0, 1)
    assert state.slots() == [None, 2]


def test_free_mask_leaves_out_busy_people_and_full_slots():
    inst = _instance([Meeting((0, 1)), Meeting((2, 3)), Meeting((0, 2))], n_tables=2)
    state = State(inst, [0, 0, None])
    # slot 0: person 0 and person 2 are busy, and both tables are taken
    assert state.free_mask(2) == 0b1110
    assert state.open == 0b1110
    # with meeting 0 treated as absent, person 0 is free in slot 0 but person 2 still is not
    assert state.free_mask(2, ignore=(0,)) == 0b1110
    assert state.free_mask(2, ignore=(0, 1)) == 0b1111


def test_free_mask_respects_availability_maximum_and_precedence():
    people = (Participant(frozenset({1})), Participant(max_meetings=1), Participant(), Participant())
    inst = _instance(
        [Meeting((0, 2)), Meeting((1, 3)), Meeting((1, 2)), Meeting((2, 3), after=(0,))], people=people
    )
    state = State(inst)
    assert state.free_mask(0) == 0b1101  # person 0 away in slot 1
    state.place(1, 0)
    assert state.free_mask(2) == 0  # person 1 has had their one meeting
    state.place(0, 2)
    assert state.free_mask(3) == 0b1000  # strictly after meeting 0
    state.place(3, 3)
    state.remove(0)
    assert state.free_mask(0) == 0b0101  # strictly before meeting 3, and not slot 1


def test_interpreters_and_hosted_tables_limit_slots():
    people = (Participant(host_table=0), Participant(), Participant(), Participant())
    inst = _instance(
        [Meeting((0, 1), interpreter="fr-ja"), Meeting((0, 2)), Meeting((2, 3), interpreter="fr-ja")],
        people=people,
        interpreters={"fr-ja": (1, 0, 1, 1)},
    )
    state = State(inst)
    assert state.free_mask(0) == 0b1101  # no interpreter in slot 1
    state.place(0, 0)
    assert state.free_mask(2) == 0b1100  # the only interpreter of slot 0 is taken
    assert state.free_mask(1) == 0b1110  # the host's table is taken in slot 0 (and so is the host)
    state.remove(0)
    assert state.free_mask(2) == 0b1101


def test_best_slot_adds_the_fewest_breaks_then_the_least_loaded():
    inst = _instance([Meeting((0, 1)), Meeting((0, 2)), Meeting((2, 3))], n_slots=5)
    state = State(inst, [1, None, None])
    # next to person 0's meeting in slot 1: slots 0 and 2 add no break; 0 comes first
    assert state.delta_add(1, 3) == 1
    assert state.best_slot(1, 0b11101) == 0
    state.place(2, 0)
    # slot 0 is taken by person 2: slot 2 adds one break (person 2), slots 3 and 4 two each
    assert [state.delta_add(1, t) for t in (2, 3, 4)] == [1, 2, 2]
    assert state.best_slot(1, 0b11100) == 2


def test_sessions_count_breaks_apart():
    inst = _instance([Meeting((0, 1)), Meeting((0, 2))], n_slots=6, session_starts=(3,))
    state = State(inst, [0, 2])
    assert state.breaks(0) == 1  # idle in slot 1, inside the first session
    state.move(1, 5)
    # one meeting in each session: the idle slots between them are no break
    assert state.breaks(0) == 0
    assert breaks_of(state.busy[0]) == 1
    state.move(1, 3)
    assert state.breaks(0) == 0
