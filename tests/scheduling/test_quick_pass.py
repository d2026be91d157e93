"""The in-process break-free pass: a proven-optimal 0, or a proven "at least one break" for the portfolio."""

from missionmatch.scheduling import Instance, Meeting, Participant, check, solve
from missionmatch.scheduling.large_zero import zero_break_schedule
from missionmatch.scheduling.quick_pass import quick_solve
from tests.scheduling.sched_helpers import load


def test_a_break_free_original_is_proven_optimal_in_process() -> None:
    inst = load("original", "tic-12")
    quick = quick_solve(inst, budget=600)
    assert quick.solution is not None and quick.bound == 0
    assert (quick.solution.status, quick.solution.objective, quick.solution.bound) == ("optimal", 0, 0)
    assert check(inst, quick.solution, fairness=0) == []


def test_an_original_with_breaks_gets_the_bound_and_the_later_passes_the_rest() -> None:
    inst = load("original", "forumt-14crafd")  # optimum 4
    quick = quick_solve(inst, budget=600)
    assert (quick.solution, quick.bound) == (None, 1)
    lines: list[str] = []
    sol = solve(inst, fairness=2, time_limit=120, workers=2, progress=lines.append)
    assert (sol.status, sol.objective, sol.bound) == ("optimal", 4, 4)
    assert check(inst, sol, fairness=2) == []
    assert lines[0].startswith("[zero-break-sat] none: at least 1 break after ")


def test_solve_returns_the_quick_answer_without_the_portfolio() -> None:
    inst = load("original", "tic-12")
    sol = solve(inst, fairness=2, time_limit=60, workers=2)
    assert (sol.status, sol.objective, sol.engine) == ("optimal", 0, "zero-break-sat")


def test_precedences_are_part_of_the_break_free_question() -> None:
    # 0-1, 0-2, 2-3 at one table: 0-1, 0-2, 2-3 in that order is break-free; with 2-3 forced between
    # the other two (0-1 before 2-3 before 0-2), participant 0 waits a slot
    people = tuple(Participant() for _ in range(4))
    free = (Meeting((0, 1)), Meeting((0, 2), after=(0,)), Meeting((2, 3)))
    assert zero_break_schedule(Instance("a", 3, 1, people, free)) == [0, 1, 2]
    chained = (Meeting((0, 1)), Meeting((0, 2), after=(2,)), Meeting((2, 3), after=(0,)))
    assert zero_break_schedule(Instance("b", 3, 1, people, chained)) is None
