"""The meeting selection of the large-event path: sides by 2-colouring, and a maximum-weight set under the
participants' capacities and the tables."""

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.large_select import flow_selection, sides


def _instance(
    meetings: list[Meeting], people: tuple[Participant, ...], n_slots: int, n_tables: int
) -> Instance:
    return Instance("t", n_slots, n_tables, people, tuple(meetings))


def test_sides_colour_a_delegation_against_its_hosts():
    # 0 and 1 (the delegation) meet 2 and 3 (hosts); 4 meets nobody
    meetings = [Meeting((0, 2)), Meeting((0, 3)), Meeting((1, 3))]
    inst = _instance(meetings, tuple(Participant() for _ in range(5)), 2, 2)
    assert sides(inst) == [0, 0, 1, 1, 0]


def test_a_popular_host_meets_those_without_another_option():
    # host 0 has one free slot; guest 1 takes one meeting and could also have it with host 2; guest 3 has
    # only host 0
    people = (Participant(frozenset({1})), Participant(max_meetings=1), Participant(), Participant())
    meetings = [
        Meeting((0, 1), optional=True, weight=5, key="0-1"),
        Meeting((0, 3), optional=True, weight=4, key="0-3"),
        Meeting((2, 1), optional=True, weight=3, key="2-1"),
    ]
    inst = _instance(meetings, people, 2, 2)
    # heaviest first would take 0-1 (5) and leave nothing else for host 0 nor guest 1
    assert flow_selection(inst) == {1, 2}  # 4 + 3 = 7 > 5


def test_the_tables_bound_the_selection():
    people = tuple(Participant() for _ in range(4))
    meetings = [
        Meeting((0, 1), optional=True, weight=1),
        Meeting((2, 3), optional=True, weight=9),
        Meeting((0, 3), optional=True, weight=2),
    ]
    # one slot, one table: only the heaviest fits
    assert flow_selection(_instance(meetings, people, 1, 1)) == {1}


def test_mandatory_meetings_come_before_any_weight_and_maximum_meetings_hold():
    people = (Participant(max_meetings=1), Participant(), Participant())
    meetings = [Meeting((0, 1), optional=True, weight=50), Meeting((0, 2))]
    assert flow_selection(_instance(meetings, people, 3, 3)) == {1}


def test_a_meeting_with_no_allowed_slot_is_not_selected():
    people = (Participant(frozenset({0})), Participant())
    meetings = [Meeting((0, 1), optional=True, weight=3, fixed_slot=0)]
    assert flow_selection(_instance(meetings, people, 2, 1)) == set()
