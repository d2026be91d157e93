"""The fewest breaks of a tiny instance, by trying every assignment: the referee of an "optimal" answer.

Shares nothing with the engines: every combination of allowed slots (and "not placed" for an optional
meeting) is judged by the independent checker, which also counts the breaks.
"""

from __future__ import annotations

import itertools

from missionmatch.scheduling import Instance, Solution, check
from missionmatch.scheduling.checker import count_breaks


def fewest_breaks(inst: Instance, fairness: int | None = None) -> int | None:
    """The optimum of the benchmark objective (all meetings mandatory), None when nothing is valid."""
    assert all(not mt.optional for mt in inst.meetings), "optional meetings change the objective"
    options = [inst.allowed_slots(m) for m in range(inst.n_meetings)]
    best: int | None = None
    for combo in itertools.product(*options):
        slots: list[int | None] = list(combo)
        if check(inst, Solution(inst.name, "feasible", None, slots), fairness) == []:
            total = sum(count_breaks(inst, slots))
            best = total if best is None else min(best, total)
    return best
