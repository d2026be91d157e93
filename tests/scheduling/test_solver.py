"""Real solver runs on small benchmark instances; every schedule is re-checked independently."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionmatch.scheduling import Instance, Meeting, Participant, check, solve
from missionmatch.scheduling.cpsat_solve import solve_cpsat
from missionmatch.scheduling.maxsat_model import solve_maxsat
from missionmatch.scheduling.sat_ladder import solve_ladder
from tests.scheduling.brute_force import find_schedule
from tests.scheduling.sched_helpers import load


@pytest.mark.parametrize(("name", "optimum"), [("tic-12", 0), ("forumt-14crafd", 4), ("forum-14", 2)])
def test_cpsat_core_search_proves_optimum(name: str, optimum: int) -> None:
    inst = load("original", name)
    sol = solve_cpsat(inst, fairness=2, time_limit=60, workers=1)
    assert (sol.status, sol.objective, sol.bound) == ("optimal", optimum, optimum)
    assert check(inst, sol, fairness=2) == []


def test_maxsat_proves_optimum_within_its_time_limit() -> None:
    inst = load("original", "forumt-14")
    sol = solve_maxsat(inst, fairness=2, time_limit=120)
    assert (sol.status, sol.objective, sol.bound, sol.engine) == ("optimal", 5, 5, "rc2-cd19")
    assert check(inst, sol, fairness=2) == []


def test_sat_ladder_proves_what_the_core_searches_find_hard() -> None:
    inst = load("original", "forum-13crafc")  # RC2 with the seat bound needs minutes here
    seen: list[tuple[str, int | None]] = []
    sol = solve_ladder(inst, fairness=2, incumbent=lambda s: seen.append((s.status, s.bound)))
    assert (sol.status, sol.objective, sol.bound, sol.engine) == ("optimal", 1, 1, "sat-ladder")
    assert check(inst, sol, fairness=2) == []
    assert seen == [("feasible", 0), ("feasible", 1)]  # any schedule first, then "0 breaks" refuted


def test_sat_ladder_proves_infeasibility() -> None:
    assert solve_ladder(load("fixed040-Forb", "tic-12"), fairness=2).status == "infeasible"


def test_maxsat_time_limit_stops_a_long_run_without_a_claim() -> None:
    inst = load("original", "tic-13crafc")  # RC2 needs far more than one second here
    sol = solve_maxsat(inst, fairness=2, time_limit=1)
    assert (sol.status, sol.objective, sol.meeting_slots) == ("unknown", None, None)


@pytest.mark.parametrize(
    ("variant", "name", "maxsat_too"),
    [
        ("forb0007", "tic-12", True),
        ("fixed040-Forb", "tic-12", True),
        ("prec25", "forum-14", True),
        ("forb0007", "forum-14", False),  # RC2 needs minutes here; CP-SAT's presolve proves it at once
    ],
)
def test_infeasibility_proofs_on_benchmark_variants(variant: str, name: str, maxsat_too: bool) -> None:
    inst = load(variant, name)
    assert solve_cpsat(inst, fairness=2, time_limit=60, workers=1).status == "infeasible"
    if maxsat_too:
        assert solve_maxsat(inst, fairness=2, time_limit=60).status == "infeasible"


def test_two_cores_prove_the_optimum_and_it_is_checked() -> None:
    # in-process CP-SAT proves it in 0.2 s on a quiet machine; under load the portfolio may: either is fine
    inst = load("original", "forumt-14crafc")
    sol = solve(inst, fairness=2, time_limit=60, workers=2)
    assert (sol.status, sol.objective, sol.bound) == ("optimal", 5, 5)
    assert check(inst, sol, fairness=2) == []


def test_fairness_changes_the_optimum() -> None:
    # participant 0 meets 1, 2, 3; slot 1 is unavailable for 0 and the meeting with 3 is late:
    # without fairness 0 takes a break; forcing d=0 with a break-free participant is infeasible
    parts = (Participant(frozenset({1})), Participant(), Participant(), Participant())
    inst = Instance("f", 4, 2, parts, (Meeting((0, 1)), Meeting((0, 2)), Meeting((0, 3), fixed_slot=3)))
    assert solve_cpsat(inst, fairness=None, time_limit=10).objective == 1
    assert solve_cpsat(inst, fairness=0, time_limit=10).status == "infeasible"
    assert solve_maxsat(inst, fairness=0).status == "infeasible"


@st.composite
def small_instances(draw: st.DrawFn) -> Instance:
    n_p = draw(st.integers(2, 6))
    n_t = draw(st.integers(2, 5))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_p - 1), st.integers(0, n_p - 1)).filter(lambda x: x[0] != x[1]),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    forb = [frozenset(draw(st.sets(st.integers(0, n_t - 1), max_size=1))) for _ in range(n_p)]
    meetings = tuple(Meeting(p, optional=draw(st.booleans()), weight=draw(st.integers(1, 3))) for p in pairs)
    return Instance("h", n_t, draw(st.integers(1, 3)), tuple(Participant(f) for f in forb), meetings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(), st.sampled_from([None, 0, 1, 2]))
def test_solver_output_always_passes_the_checker(inst: Instance, d: int | None) -> None:
    sol = solve_cpsat(inst, fairness=d, time_limit=10)
    assert sol.status in ("optimal", "infeasible")
    if sol.status == "infeasible" and d is None:
        assert find_schedule(inst) is None, "the solver said infeasible, but a schedule exists"
    if sol.status == "optimal":
        assert check(inst, sol, fairness=d) == []
    if inst.is_benchmark_model and (d is None or inst.trivially_break_free()):
        other = solve_maxsat(inst, fairness=d)  # two independent engines agree on the optimum
        assert (other.status, other.objective) == (sol.status, sol.objective)


@st.composite
def mission_instances(draw: st.DrawFn) -> Instance:
    """Real-mission features: 3-person meetings, interpreters, hosted tables, caps on meetings."""
    n_p = draw(st.integers(3, 7))
    n_t = draw(st.integers(2, 5))
    groups = draw(
        st.lists(
            st.sets(st.integers(0, n_p - 1), min_size=2, max_size=3).map(tuple),
            min_size=1,
            max_size=9,
            unique=True,
        )
    )
    meetings = tuple(
        Meeting(
            tuple(sorted(g)),
            optional=True,
            weight=draw(st.integers(1, 3)),
            interpreter=draw(st.sampled_from([None, None, "fr-ja"])),
        )
        for g in groups
    )
    parts = tuple(
        Participant(
            frozenset(draw(st.sets(st.integers(0, n_t - 1), max_size=1))),
            max_meetings=draw(st.sampled_from([None, 1, 2])),
            host_table=draw(st.sampled_from([None, None, p % 2])),
        )
        for p in range(n_p)
    )
    interpreters = {"fr-ja": tuple(draw(st.integers(0, 1)) for _ in range(n_t))}
    tables = tuple(draw(st.integers(1, 2)) for _ in range(n_t)) if draw(st.booleans()) else None
    starts = tuple(draw(st.sets(st.integers(1, n_t - 1), max_size=1))) if n_t > 1 else ()
    return Instance(
        "m",
        n_t,
        2,
        parts,
        meetings,
        interpreters=interpreters,
        tables_per_slot=tables,
        session_starts=starts,
        cover_everyone=draw(st.booleans()),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(small_instances(), mission_instances()))
def test_nobody_is_double_booked_and_no_slot_is_overfull(inst: Instance) -> None:
    # counted here from the raw slots, not through check(), so a checker bug cannot hide a solver bug
    sol = solve(inst, fairness=None, time_limit=10, workers=1)
    if sol.status == "infeasible":  # mandatory meetings that cannot all fit: a claim to verify
        assert find_schedule(inst) is None, "the solver said infeasible, but a schedule exists"
        return
    assert sol.meeting_slots is not None and sol.tables is not None
    held = [(m, t) for m, t in enumerate(sol.meeting_slots) if t is not None]
    per_table_slot = Counter((sol.tables[m], t) for m, t in held)
    assert max(per_table_slot.values(), default=1) == 1
    assert all(sol.tables[m] is not None and 0 <= sol.tables[m] < inst.tables_at(t) for m, t in held)
    assert check(inst, sol) == []
    people = [(p, t) for m, t in held for p in inst.meetings[m].participants]
    assert all(t not in inst.participants[p].forbidden for p, t in people)
    assert max(Counter(people).values(), default=1) == 1
    placed = list(zip(inst.meetings, sol.meeting_slots, strict=True))
    assert all(t is not None for mt, t in placed if not mt.optional)
    for pair, per_slot in inst.interpreters.items():
        used = Counter(t for mt, t in placed if t is not None and mt.interpreter == pair)
        assert all(used[t] <= per_slot[t] for t in used)
    for p, part in enumerate(inst.participants):
        mine = [m for m in inst.meetings_of[p] if sol.meeting_slots[m] is not None]
        assert part.max_meetings is None or len(mine) <= part.max_meetings
        assert (
            part.host_table is None
            or all(sol.tables[m] == part.host_table for m in mine)
            or any(
                inst.participants[q].host_table not in (None, part.host_table)
                for m in mine
                for q in inst.meetings[m].participants
            )
        )


def test_a_break_over_an_unavailable_slot_counts() -> None:
    # found by hypothesis: participant 0 can meet only in slots 0 and 2, so it has a break whatever
    # happens; with d=0 and two break-free participants that is infeasible, not "optimal with 0"
    parts = (Participant(frozenset({1})), Participant(), Participant())
    inst = Instance("b", 3, 1, parts, (Meeting((0, 1)), Meeting((0, 2))))
    assert solve_cpsat(inst, fairness=None, time_limit=10).objective == 1
    assert solve_cpsat(inst, fairness=0, time_limit=10).status == "infeasible"
    assert solve_maxsat(inst, fairness=0).status == "infeasible"


def test_maxsat_and_ladder_handle_a_meeting_with_one_or_no_slot_left() -> None:
    # found by hypothesis: PySAT refuses "exactly one of one literal"; no slot at all must read as infeasible
    one = Instance("o", 2, 1, (Participant(frozenset({0})), Participant()), (Meeting((0, 1)),))
    none = Instance("n", 2, 1, (Participant(frozenset({0, 1})), Participant()), (Meeting((0, 1)),))
    assert (solve_maxsat(one, fairness=None).meeting_slots, solve_ladder(one, fairness=None).status) == (
        [1],
        "optimal",
    )
    assert (solve_maxsat(none, fairness=None).status, solve_ladder(none, fairness=None).status) == (
        "infeasible",
        "infeasible",
    )


def test_the_brute_force_referee_finds_a_schedule_or_proves_there_is_none() -> None:
    # two mandatory meetings of participant 0 and one slot: none; two slots: one, and it passes the checker
    people = (Participant(), Participant(), Participant())
    meetings = (Meeting((0, 1)), Meeting((0, 2)))
    assert find_schedule(Instance("one", 1, 2, people, meetings)) is None
    assert find_schedule(Instance("two", 2, 2, people, meetings)) in ([0, 1], [1, 0])
