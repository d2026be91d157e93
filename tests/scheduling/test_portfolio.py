"""The engine mix (scheduling/portfolio.py) on instances whose optimum exhaustive search knows: which engine
answers for which instance and core count, and that every answer is proven, checked and seated (the
checker validates tables when a solution has them)."""

from __future__ import annotations

from missionmatch.scheduling import Instance, Meeting, Participant, check
from missionmatch.scheduling.portfolio import solve, solve_portfolio
from missionmatch.scheduling.solution import OPTIMAL
from tests.scheduling.exhaustive import fewest_breaks


def _people(n: int, forbidden: dict[int, set[int]] | None = None) -> tuple[Participant, ...]:
    forbidden = forbidden or {}
    return tuple(Participant(frozenset(forbidden.get(p, ()))) for p in range(n))


# 0-1, 1-2, 2-3, 3-0, 0-2 in five slots at one table: two breaks are unavoidable (exhaustive search)
FORCED = Instance(
    "forced", 5, 1, _people(5), tuple(Meeting(p) for p in ((0, 1), (1, 2), (2, 3), (3, 0), (0, 2)))
)
# the same meetings at two tables: a break-free schedule exists
ROOMY = Instance("roomy", 5, 2, FORCED.participants, FORCED.meetings)


def test_two_cores_prove_forced_breaks_in_process_and_with_the_spawned_engines() -> None:
    assert fewest_breaks(FORCED) == 2
    sol = solve(FORCED, fairness=None, time_limit=60, workers=2)
    # no break-free schedule (refuted at once), so CP-SAT core search in this process proves the 2
    assert (sol.status, sol.objective, sol.bound, sol.engine) == (OPTIMAL, 2, 2, "cp-sat")
    assert sol.tables is not None and None not in sol.tables
    assert check(FORCED, sol) == []  # the checker also rejects a table used twice in a slot
    spawned = solve_portfolio(FORCED, fairness=None, time_limit=60, workers=2)
    assert (spawned.status, spawned.objective, spawned.bound) == (OPTIMAL, 2, 2)
    assert spawned.engine.startswith("portfolio:")
    assert check(FORCED, spawned) == []


def test_a_break_free_schedule_is_answered_in_process_without_the_portfolio() -> None:
    assert fewest_breaks(ROOMY) == 0
    sol = solve(ROOMY, fairness=2, time_limit=60, workers=2)
    assert (sol.status, sol.objective, sol.engine) == (OPTIMAL, 0, "zero-break-sat")
    assert sol.tables is not None and None not in sol.tables
    assert check(ROOMY, sol, 2) == []


def test_one_core_uses_cp_sat_alone() -> None:
    sol = solve(FORCED, fairness=None, time_limit=60, workers=1)
    assert (sol.status, sol.objective, sol.engine) == (OPTIMAL, 2, "cp-sat")
    assert check(FORCED, sol) == []


def test_real_mission_features_go_to_cp_sat_even_with_two_cores() -> None:
    # optional meetings are outside the MaxSAT encoding: the heavier of two clashing ones is placed
    meetings = (Meeting((0, 1), optional=True, weight=1), Meeting((0, 2), optional=True, weight=5))
    inst = Instance("optional", 1, 2, _people(3), meetings)
    sol = solve(inst, fairness=None, time_limit=60, workers=2)
    assert (sol.status, sol.engine, sol.scheduled_weight) == (OPTIMAL, "cp-sat", 5)
    assert (sol.meeting_slots, sol.tables) == ([None, 0], [None, 0])
