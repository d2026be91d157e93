import json

import pytest

from missionmatch.scheduling import InstanceError, instance_from_dict, load_instance, solution_to_dict
from missionmatch.scheduling.solution import Solution
from tests.scheduling.sched_helpers import bench, load


def test_loads_benchmark_instance_exactly() -> None:
    inst = load("original", "tic-12")
    assert (inst.name, inst.n_participants, inst.n_meetings, inst.n_slots, inst.n_tables) == (
        "tic-12.original",
        42,
        125,
        8,
        21,
    )
    assert inst.meetings[0].participants == (0, 7)
    assert inst.is_benchmark_model


def test_loads_sessions_fixed_forbidden_and_precedences() -> None:
    raw = json.loads(bench("prec15", "tic-12").read_text())
    inst = load_instance(bench("prec15", "tic-12"))
    assert sum(len(mt.after) for mt in inst.meetings) == sum(len(x) for x in raw["precedences"]) > 0
    raw = json.loads(bench("fixed020-Forb", "tic-12").read_text())
    inst = load_instance(bench("fixed020-Forb", "tic-12"))
    assert [mt.fixed_slot for mt in inst.meetings] == raw["fixed_slot"]
    assert [sorted(p.forbidden) for p in inst.participants] == [sorted(x) for x in raw["forbidden_slots"]]


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"n_participants": -1}, "n_participants"),
        ({"meetings": [[0, 0]]}, "meeting 0"),
        ({"meetings": [[0, 9]]}, "meeting 0 participant"),
        ({"meeting_session": ["evening"]}, "meeting_session[0]"),
        ({"fixed_slot": [7]}, "fixed_slot[0]"),
        ({"precedences": [[0]]}, "itself"),
        ({"forbidden_slots": [[5], []]}, "forbidden_slots[0]"),
        ({"n_meetings": 3}, "n_meetings"),
    ],
)
def test_malformed_instances_get_a_clear_error(patch: dict, message: str) -> None:
    base = {
        "n_participants": 2,
        "n_meetings": 1,
        "n_slots": 3,
        "n_tables": 1,
        "n_morning_slots": 3,
        "meetings": [[0, 1]],
        "meeting_session": [None],
        "fixed_slot": [None],
        "precedences": [[]],
        "forbidden_slots": [[], []],
    }
    with pytest.raises(InstanceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        instance_from_dict(base | patch)


def test_solution_dict_is_the_benchmark_format() -> None:
    d = solution_to_dict(Solution("x", "optimal", 3, [1, 2], 1.23456))
    assert d == {
        "instance": "x",
        "status": "optimal",
        "objective": 3,
        "meeting_slots": [1, 2],
        "solve_seconds": 1.235,
    }
