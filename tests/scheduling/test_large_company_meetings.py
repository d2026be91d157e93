"""Company meetings (three attendees or more) on the large-event path: the flow selection counts every
attendee's capacity and colours colleagues on one side; the heuristics never double-book an attendee, a
table, a seat or an interpreter (counted from the raw slots, then the checker must agree)."""

from collections import Counter

from hypothesis import HealthCheck, given, settings

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.checker import check
from missionmatch.scheduling.large import solve_large
from missionmatch.scheduling.large_select import flow_selection, sides
from tests.scheduling.test_company_meetings import company_instances


def test_colleagues_in_a_group_are_coloured_on_one_side():
    # delegates 0 and 1 meet hosts 2 and 3 alone, and together with host 2 (listed colleague first)
    meetings = (Meeting((0, 2)), Meeting((1, 3)), Meeting((0, 1, 2)))
    inst = Instance("t", 3, 2, tuple(Participant() for _ in range(4)), meetings)
    assert sides(inst) == [0, 0, 1, 1]  # through the group first, 1 was coloured against 0


def test_a_group_is_not_selected_beyond_a_colleagues_capacity():
    # delegate 2 comes to one meeting only: with host 3 alone (10) or with colleague 1 at host 0 (5); the
    # group's arc is 0-1, so the flow alone does not see delegate 2 there
    people = (Participant(), Participant(), Participant(max_meetings=1), Participant())
    meetings = (
        Meeting((0, 1, 2), optional=True, weight=5),
        Meeting((2, 3), optional=True, weight=10),
        Meeting((0, 1), optional=True, weight=1),
    )
    inst = Instance("t", 3, 3, people, meetings)
    assert flow_selection(inst) == {1, 2}


def test_a_group_arc_counts_its_least_free_attendee():
    # delegate 2 has one free slot and is not the group's first delegate: the arc must be hers, so that the
    # flow weighs the group (6) against her meeting with host 3 (5) rather than taking both and dropping one
    people = (Participant(), Participant(), Participant(frozenset({1, 2})), Participant())
    meetings = (
        Meeting((0, 1, 2), optional=True, weight=6),
        Meeting((2, 3), optional=True, weight=5),
        Meeting((1, 3), optional=True, weight=4),
        Meeting((0, 1), optional=True, weight=1),
    )
    inst = Instance("t", 3, 3, people, meetings)
    assert sides(inst) == [0, 1, 1, 0]
    assert flow_selection(inst) == {0, 2, 3}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company_instances())
def test_the_large_path_never_double_books_an_attendee_a_table_a_seat_or_an_interpreter(inst: Instance):
    sol = solve_large(inst, time_limit=1.0, workers=1)
    assert sol.meeting_slots is not None and sol.tables is not None
    held = [(m, t) for m, t in enumerate(sol.meeting_slots) if t is not None]
    attendees = Counter((p, t) for m, t in held for p in inst.meetings[m].participants)
    assert max(attendees.values(), default=1) == 1
    assert all(t not in inst.participants[p].forbidden for p, t in attendees)
    assert max(Counter((sol.tables[m], t) for m, t in held).values(), default=1) == 1
    assert all(sol.tables[m] is not None and 0 <= sol.tables[m] < inst.n_tables for m, _ in held)
    assert inst.seats_per_slot is not None
    assert all(len(inst.meetings[m].participants) <= inst.seats_per_slot[t] for m, t in held)
    interpreted = Counter(t for m, t in held if inst.meetings[m].interpreter == "fr-ja")
    assert all(n <= inst.interpreters["fr-ja"][t] for t, n in interpreted.items())
    assert check(inst, sol) == []
