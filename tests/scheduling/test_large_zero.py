"""Large all-mandatory events: the break-free SAT call, the repair of unseated mandatory meetings, and
`solve_large` returning a schedule (never "unknown" while a schedule exists). Small planted instances from
the benchmark's generator (benchmarks/scheduling/planted_events.py); nothing here is timed."""

import importlib.util
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from missionmatch.scheduling import Instance, Meeting, Participant, Solution, check
from missionmatch.scheduling import large as large_module
from missionmatch.scheduling.large import solve_large
from missionmatch.scheduling.large_repair import missing_mandatory, repair_mandatory
from missionmatch.scheduling.large_state import State
from missionmatch.scheduling.large_zero import applies, zero_break_schedule


def _load_generator():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "scheduling" / "planted_events.py"
    spec = importlib.util.spec_from_file_location("planted_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["planted_events"] = module
    spec.loader.exec_module(module)
    return module


planted_events = _load_generator()


def _planted(slack: float = 0.05) -> tuple[Instance, list[int]]:
    return planted_events.planted(40, 120, 8, seed=4, slack=slack)


def test_the_generator_plants_a_break_free_schedule_in_every_slot_full() -> None:
    inst, plant = _planted(slack=0.0)
    assert (inst.n_participants, inst.n_meetings, inst.n_slots, inst.n_tables) == (40, 120, 8, 15)
    assert check(inst, Solution(inst.name, "optimal", 0, list(plant)), fairness=0) == []
    assert [plant.count(t) for t in range(8)] == [15] * 8
    assert len({inst.meetings[m].participants for m in range(inst.n_meetings)}) == 120  # no pair twice


def test_the_sat_call_finds_a_break_free_schedule_where_one_is_planted() -> None:
    inst, _ = _planted()
    assert applies(inst)
    slots = zero_break_schedule(inst)
    assert slots is not None
    assert check(inst, Solution(inst.name, "optimal", 0, slots), fairness=0) == []


def test_the_sat_call_proves_there_is_no_break_free_schedule() -> None:
    # participant 0 can meet only in slots 0 and 2: a break whatever happens
    people = (Participant(frozenset({1})), Participant(), Participant())
    inst = Instance("b", 3, 1, people, (Meeting((0, 1)), Meeting((0, 2))))
    assert zero_break_schedule(inst) is None


def test_repair_seats_the_mandatory_meetings_the_greedy_left_out() -> None:
    inst, plant = _planted(slack=0.0)
    state = State(inst, list(plant))
    out = sorted(random.Random(1).sample(range(inst.n_meetings), 6))
    moved = next(m for m in range(inst.n_meetings) if m not in out)
    for m in out:
        state.remove(m)
    assert missing_mandatory(state) == out
    assert repair_mandatory(state, time.monotonic() + 600, 1, random.Random(0), size=40)
    slots = state.slots()
    assert missing_mandatory(state) == [] and slots[moved] is not None
    assert check(inst, Solution(inst.name, "feasible", None, slots)) == []


@pytest.mark.parametrize("sat", [False, True])
def test_a_large_mandatory_event_gets_a_schedule_with_the_tables_all_taken(
    sat: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every table of every slot taken in the only schedules there are: the greedy alone leaves meetings out
    monkeypatch.setattr(large_module, "ZERO_FROM", 1 if sat else 10**9)
    inst, _ = _planted(slack=0.0)
    # a budget, not a timing: with the SAT call the search ends once the break-free schedule is in
    sol = solve_large(inst, fairness=2, time_limit=120 if sat else 8, workers=1, lns_size=40)
    assert sol.meeting_slots is not None and check(inst, sol, fairness=2) == []
    assert sol.status in ("optimal", "feasible")
    if sat:  # the break-free schedule ends the search: 0 is a lower bound
        assert (sol.status, sol.objective, sol.bound, sol.engine) == ("optimal", 0, 0, "large+zero-break-sat")


def test_out_of_time_with_meetings_unseated_says_what_is_missing() -> None:
    inst, _ = _planted(slack=0.0)
    over = replace(inst, n_tables=14)  # 112 seats for 120 meetings
    sol = solve_large(over, fairness=None, time_limit=2, workers=1, lns_size=40)
    assert (sol.status, sol.meeting_slots) == ("unknown", None)
    assert sol.partial is not None and sum(t is not None for t in sol.partial) <= 112
    assert sol.notes[0].startswith("placed ") and sol.notes[1].startswith("not placed: ")
