"""Company meetings in the pure core: meetings of 1-3 delegates with 1-2 hosts, tables of a few seats,
interpreters. Every schedule is counted here from the raw slots and tables (not through `check`), so that a
checker bug cannot hide a solver bug; the checker must then agree."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionmatch.scheduling.checker import check
from missionmatch.scheduling.explain import blocking_reasons
from missionmatch.scheduling.instance import Instance, Meeting, Participant
from missionmatch.scheduling.io import instance_from_dict, instance_to_dict
from missionmatch.scheduling.portfolio import solve
from missionmatch.scheduling.solution import Solution

DELEGATES, HOSTS = range(0, 6), range(6, 10)


@st.composite
def company_instances(draw: st.DrawFn) -> Instance:
    n_slots = draw(st.integers(2, 5))
    groups = draw(
        st.lists(
            st.tuples(
                st.sets(st.sampled_from(DELEGATES), min_size=1, max_size=3),
                st.sets(st.sampled_from(HOSTS), min_size=1, max_size=2),
            ).map(lambda sides: tuple(sorted(sides[0] | sides[1]))),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    meetings = tuple(
        Meeting(
            g,
            optional=True,
            weight=draw(st.integers(1, 3)),
            interpreter=draw(st.sampled_from([None, "fr-ja"])),
        )
        for g in groups
    )
    people = tuple(
        Participant(frozenset(draw(st.sets(st.integers(0, n_slots - 1), max_size=1))))
        for _ in range(len(DELEGATES) + len(HOSTS))
    )
    return Instance(
        "company",
        n_slots,
        draw(st.integers(1, 3)),
        people,
        meetings,
        interpreters={"fr-ja": tuple(draw(st.integers(0, 1)) for _ in range(n_slots))},
        seats_per_slot=tuple(draw(st.integers(2, 5)) for _ in range(n_slots)),
        cover_everyone=draw(st.booleans()),
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company_instances())
def test_no_attendee_table_seat_or_interpreter_is_ever_double_booked(inst: Instance) -> None:
    sol = solve(inst, fairness=None, time_limit=10, workers=1)
    assert sol.meeting_slots is not None and sol.tables is not None  # all optional: always a schedule
    held = [(m, t) for m, t in enumerate(sol.meeting_slots) if t is not None]
    attendees = Counter((p, t) for m, t in held for p in inst.meetings[m].participants)
    assert max(attendees.values(), default=1) == 1
    assert all(t not in inst.participants[p].forbidden for p, t in attendees)
    tables = Counter((sol.tables[m], t) for m, t in held)
    assert max(tables.values(), default=1) == 1
    assert all(sol.tables[m] is not None and 0 <= sol.tables[m] < inst.n_tables for m, _ in held)
    assert inst.seats_per_slot is not None
    assert all(len(inst.meetings[m].participants) <= inst.seats_per_slot[t] for m, t in held)
    interpreted = Counter(t for m, t in held if inst.meetings[m].interpreter == "fr-ja")
    assert all(n <= inst.interpreters["fr-ja"][t] for t, n in interpreted.items())
    assert check(inst, sol) == []


def test_a_table_too_small_is_named_by_the_checker_and_by_the_explanation() -> None:
    inst = Instance(
        "seats",
        2,
        1,
        tuple(Participant() for _ in range(4)),
        (Meeting((0, 1, 2, 3), optional=True),),
        seats_per_slot=(3, 4),
    )
    assert inst.allowed_slots(0) == [1]
    wrong = Solution("seats", "feasible", 0, [0], tables=[0])
    assert check(inst, wrong) == ["[seats] meeting 0 has 4 attendees in slot 0, where a table seats 3"]
    assert blocking_reasons(inst, [None], 0) == {0: ["seats: 4 attendees, tables seat 3"], 1: []}
    assert solve(inst, fairness=None, time_limit=5, workers=1).meeting_slots == [1]


def test_the_seat_counts_survive_the_instance_format() -> None:
    inst = Instance(
        "seats",
        2,
        1,
        (Participant(), Participant(), Participant()),
        (Meeting((0, 1, 2)),),
        seats_per_slot=(2, 3),
    )
    data = instance_to_dict(inst)
    assert data["seats_per_slot"] == [2, 3] and data["meetings"] == [[0, 1, 2]]
    assert instance_from_dict(data) == inst
