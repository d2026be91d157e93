"""The CP-SAT model itself (scheduling/cpsat_model.py), solved directly with OR-Tools: its break encoding
on schedules fixed by hand, its constraints and their labels, and its optimum against exhaustive search."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from missionmatch.scheduling import Instance, Meeting, Participant, labels
from missionmatch.scheduling.cpsat_model import CpsatModel, build, covered_people
from tests.scheduling.exhaustive import fewest_breaks


def _people(n: int, **forbidden: frozenset[int]) -> tuple[Participant, ...]:
    return tuple(Participant(forbidden.get(f"p{p}", frozenset())) for p in range(n))


def _solve(cm: CpsatModel) -> tuple[int, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    return solver.solve(cm.model), solver


def _breaks_of_fixed(n_slots: int, slots: list[int], session_starts: tuple[int, ...] = ()) -> int:
    """Participant 0 meets a different person in each of `slots` (pinned): its breaks in the model."""
    meetings = tuple(Meeting((0, k + 1), fixed_slot=t) for k, t in enumerate(slots))
    inst = Instance("fixed", n_slots, 1, _people(len(slots) + 1), meetings, session_starts=session_starts)
    cm = build(inst, None)
    cm.model.minimize(cm.total_breaks)
    status, solver = _solve(cm)
    assert status == cp_model.OPTIMAL
    return int(solver.value(cm.breaks[0]))


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ([0, 1], 0),  # back to back
        ([0, 2], 1),  # one idle slot between
        ([0, 4], 1),  # one idle run of three slots: still one break
        ([0, 2, 4], 2),  # two idle runs
        ([1, 2, 3], 0),  # idle before the first and after the last meeting is no break
        ([0, 1, 3, 4], 1),
    ],
)
def test_breaks_count_idle_runs_between_meetings(slots: list[int], expected: int) -> None:
    assert _breaks_of_fixed(5, slots) == expected


def test_an_idle_run_across_a_session_start_is_no_break() -> None:
    # sessions {0, 1, 2} and {3, 4, 5}: slot 1 then slot 4 is two half-days, not a gap
    assert _breaks_of_fixed(6, [1, 4], session_starts=(3,)) == 0
    assert _breaks_of_fixed(6, [0, 2, 3, 5], session_starts=(3,)) == 2


def _path(n_slots: int, n_tables: int, **forbidden: frozenset[int]) -> Instance:
    # 0-1, 1-2, 2-3, 3-0, 0-2: participant 0 and 2 have three meetings each
    pairs = ((0, 1), (1, 2), (2, 3), (3, 0), (0, 2))
    return Instance("path", n_slots, n_tables, _people(4, **forbidden), tuple(Meeting(p) for p in pairs))


@pytest.mark.parametrize(
    "inst",
    [
        _path(4, 2),
        _path(5, 1),
        _path(5, 2, p0=frozenset({1}), p2=frozenset({3})),
        _path(6, 1, p1=frozenset({0, 1}), p3=frozenset({4})),
    ],
    ids=["4-slots-2-tables", "5-slots-1-table", "availability", "tight-availability"],
)
def test_the_fewest_breaks_equal_exhaustive_search(inst: Instance) -> None:
    cm = build(inst, None)
    cm.model.minimize(cm.total_breaks)
    status, solver = _solve(cm)
    assert status == cp_model.OPTIMAL
    assert round(solver.objective_value) == fewest_breaks(inst)


def test_availability_forces_a_break_known_by_hand() -> None:
    # participant 0 meets 1 and 2 in three slots but cannot meet in slot 1: slots 0 and 2, one break
    inst = Instance("hand", 3, 2, _people(3, p0=frozenset({1})), (Meeting((0, 1)), Meeting((0, 2))))
    cm = build(inst, None)
    assert 1 not in cm.x[0] and 1 not in cm.x[1]  # forbidden slots get no variable at all
    cm.model.minimize(cm.total_breaks)
    status, solver = _solve(cm)
    assert (status, round(solver.objective_value)) == (cp_model.OPTIMAL, 1)
    assert fewest_breaks(inst) == 1


def test_more_mandatory_meetings_than_tables_is_infeasible_and_labelled_capacity() -> None:
    disjoint = (Meeting((0, 1)), Meeting((2, 3)), Meeting((4, 5)))
    tight = build(Instance("tight", 2, 1, _people(6), disjoint), None)
    assert len(tight.constraints[labels.CAPACITY]) == 2  # one per slot holding more meetings than tables
    assert len(tight.constraints[labels.MANDATORY]) == 3
    assert _solve(tight)[0] == cp_model.INFEASIBLE
    roomy = build(Instance("roomy", 2, 2, _people(6), disjoint), None)
    assert _solve(roomy)[0] == cp_model.OPTIMAL


def test_one_person_cannot_sit_in_two_meetings_of_a_slot() -> None:
    both = build(Instance("clash", 1, 2, _people(3), (Meeting((0, 1)), Meeting((0, 2)))), None)
    assert labels.CLASH in both.constraints
    assert _solve(both)[0] == cp_model.INFEASIBLE


def test_a_meeting_after_another_takes_a_strictly_later_slot() -> None:
    meetings = (Meeting((0, 1)), Meeting((0, 2), after=(0,)), Meeting((1, 2)))
    cm = build(Instance("after", 3, 2, _people(3), meetings), None)
    assert labels.PRECEDENCE in cm.constraints
    status, solver = _solve(cm)
    assert status == cp_model.OPTIMAL
    slot = {m: t for m in range(3) for t, v in cm.x[m].items() if solver.boolean_value(v)}
    assert slot[0] < slot[1]
    one_slot = build(Instance("too-short", 1, 2, _people(3), meetings[:2]), None)
    assert _solve(one_slot)[0] == cp_model.INFEASIBLE


def test_the_heavier_of_two_clashing_optional_meetings_is_placed() -> None:
    meetings = (Meeting((0, 1), optional=True, weight=1), Meeting((0, 2), optional=True, weight=3))
    cm = build(Instance("weights", 1, 2, _people(3), meetings), None)
    cm.model.maximize(cm.scheduled_weight)
    status, solver = _solve(cm)
    assert (status, round(solver.objective_value)) == (cp_model.OPTIMAL, 3)
    assert [solver.value(p) for p in cm.placed] == [0, 1]


def test_meeting_counts_bound_what_is_placed() -> None:
    meetings = tuple(Meeting((0, k), optional=True) for k in (1, 2, 3))
    people = (Participant(max_meetings=2), *_people(3))
    cm = build(Instance("counts", 3, 1, people, meetings), None)
    cm.model.maximize(cm.scheduled_weight)
    status, solver = _solve(cm)
    assert (status, round(solver.objective_value)) == (cp_model.OPTIMAL, 2)
    needy = (Participant(min_meetings=3), Participant(forbidden=frozenset({0, 1, 2})), *_people(2))
    short = build(Instance("minimum", 3, 1, needy, meetings), None)  # person 1 is never there
    assert labels.MIN_MEETINGS in short.constraints
    assert _solve(short)[0] == cp_model.INFEASIBLE


def test_fairness_bounds_the_spread_of_breaks() -> None:
    # participant 0 has a break it cannot avoid; 1 and 2 have one meeting each (always 0 breaks)
    meetings = (Meeting((0, 1), fixed_slot=0), Meeting((0, 2), fixed_slot=2))
    inst = Instance("spread", 3, 1, _people(3), meetings)
    assert _solve(build(inst, 0))[0] == cp_model.INFEASIBLE
    assert labels.FAIRNESS in build(inst, 0).constraints
    assert _solve(build(inst, 1))[0] == cp_model.OPTIMAL
    assert fewest_breaks(inst, 0) is None and fewest_breaks(inst, 1) == 1


def test_covered_people_counts_everyone_with_at_least_one_placed_meeting() -> None:
    # one slot, two tables: 0-1 and 2-3 cover four people; 0-2 would cover two and block both
    meetings = tuple(Meeting(p, optional=True) for p in ((0, 2), (0, 1), (2, 3)))
    cm = build(Instance("cover", 1, 2, _people(5), meetings), None)
    cm.model.maximize(covered_people(cm))
    status, solver = _solve(cm)
    assert (status, round(solver.objective_value)) == (cp_model.OPTIMAL, 4)
    assert [solver.value(p) for p in cm.placed] == [0, 1, 1]
