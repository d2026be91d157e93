"""The MaxSAT engine (scheduling/maxsat_model.py) with the real RC2: which instances it covers, and its
optimum and infeasibility verdicts against exhaustive search on instances small enough to enumerate."""

from __future__ import annotations

import pytest
from pysat.examples.rc2 import RC2

from missionmatch.scheduling import Instance, Meeting, Participant, check
from missionmatch.scheduling.maxsat_model import (
    Unsupported,
    build_wcnf,
    slots_from_model,
    solve_maxsat,
    supports,
)
from missionmatch.scheduling.solution import INFEASIBLE, OPTIMAL, UNKNOWN
from tests.scheduling.exhaustive import fewest_breaks


def _people(n: int, forbidden: dict[int, set[int]] | None = None) -> tuple[Participant, ...]:
    forbidden = forbidden or {}
    return tuple(Participant(frozenset(forbidden.get(p, ()))) for p in range(n))


def _path(n_slots: int, n_tables: int, forbidden: dict[int, set[int]] | None = None) -> Instance:
    pairs = ((0, 1), (1, 2), (2, 3), (3, 0), (0, 2))  # participant 4 meets nobody: break-free
    return Instance("path", n_slots, n_tables, _people(5, forbidden), tuple(Meeting(p) for p in pairs))


# participant 0 has a break it cannot avoid; 1 and 2 meet once each (0 breaks in every schedule)
SPREAD = Instance("spread", 3, 1, _people(3), (Meeting((0, 1), fixed_slot=0), Meeting((0, 2), fixed_slot=2)))


def test_only_the_benchmark_model_is_supported() -> None:
    plain = _path(5, 1)
    assert supports(plain, None) and supports(plain, 2)
    optional = Instance("opt", 2, 1, _people(2), (Meeting((0, 1), optional=True),))
    assert not supports(optional, None)
    with pytest.raises(Unsupported):
        build_wcnf(optional, None)
    # fairness is encoded only when somebody is break-free in every schedule (min breaks = 0)
    everyone_twice = Instance("ring", 4, 1, _people(3), (Meeting((0, 1)), Meeting((1, 2)), Meeting((2, 0))))
    assert not everyone_twice.trivially_break_free()
    assert supports(everyone_twice, None) and not supports(everyone_twice, 1)


@pytest.mark.parametrize(
    ("inst", "fairness"),
    [
        (_path(5, 1), None),
        (_path(5, 1, {0: {1}, 3: {2}}), None),
        (_path(4, 2, {0: {1}}), 1),
        (SPREAD, 1),
    ],
    ids=["5-slots", "availability", "two-tables-fair", "spread"],
)
def test_rc2_proves_the_optimum_found_by_exhaustive_search(inst: Instance, fairness: int | None) -> None:
    expected = fewest_breaks(inst, fairness)
    assert expected is not None and expected > 0  # an instance where breaks are forced
    sol = solve_maxsat(inst, fairness)
    assert (sol.status, sol.objective, sol.bound, sol.engine) == (OPTIMAL, expected, expected, "rc2-cd19")
    assert check(inst, sol, fairness) == []


def test_the_implied_seat_bound_changes_nothing_but_speed() -> None:
    inst = _path(5, 1, {0: {1}, 3: {2}})
    optima = []
    for seat_bound in (True, False):
        wcnf, x = build_wcnf(inst, None, seat_bound)
        with RC2(wcnf) as rc2:
            model = rc2.compute()
            optima.append(rc2.cost)
        slots = slots_from_model(inst, x, model)
        assert None not in slots and len(slots) == inst.n_meetings
    assert optima == [fewest_breaks(inst)] * 2


@pytest.mark.parametrize(
    "inst",
    [
        Instance("tables", 2, 1, _people(6), (Meeting((0, 1)), Meeting((2, 3)), Meeting((4, 5)))),
        Instance("clash", 1, 2, _people(3), (Meeting((0, 1)), Meeting((0, 2)))),
        Instance("never-there", 3, 1, _people(2, {1: {0, 1, 2}}), (Meeting((0, 1)),)),
        Instance("order", 1, 2, _people(3), (Meeting((0, 1)), Meeting((0, 2), after=(0,)))),
    ],
    ids=lambda inst: inst.name,
)
def test_an_impossible_instance_is_proven_infeasible(inst: Instance) -> None:
    assert fewest_breaks(inst) is None
    sol = solve_maxsat(inst, None)
    assert (sol.status, sol.objective, sol.meeting_slots) == (INFEASIBLE, None, None)


@pytest.mark.parametrize("inst", [SPREAD, _path(4, 2, {0: {1}})], ids=lambda inst: inst.name)
def test_fairness_zero_when_a_break_is_unavoidable_is_infeasible(inst: Instance) -> None:
    assert fewest_breaks(inst, 0) is None and fewest_breaks(inst) == 1
    assert solve_maxsat(inst, 0).status == INFEASIBLE


def test_a_time_limit_runs_rc2_in_a_child_process_with_the_same_answer() -> None:
    inst = _path(5, 1)
    sol = solve_maxsat(inst, None, time_limit=60)
    assert (sol.status, sol.objective) == (OPTIMAL, fewest_breaks(inst))
    assert check(inst, sol) == []
    assert sol.solve_seconds > 0


def test_no_time_at_all_answers_unknown_without_a_schedule() -> None:
    sol = solve_maxsat(_path(5, 1), None, time_limit=0)
    assert (sol.status, sol.objective, sol.meeting_slots, sol.engine) == (UNKNOWN, None, None, "rc2-cd19")
