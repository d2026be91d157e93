"""In-process SAT ladder: one incremental Glucose on the MaxSAT encoding, "at most k breaks", k = lower, ...

The portfolio's ladder (`sat_ladder`, Kissat) runs in a spawned process at a lower priority and proved
forum-13crafc and ticf-13crafc (optimum 1) in 19-22 s on a quiet machine, where the published solver takes
2.3 and 3.7 s. Measured in one process at load 7 (issue 12, 2026-12-04): "at most 0 breaks" on this
encoding is refuted by Glucose in 0.55 s and 1.95 s, where the zero-break encoding of `quick_pass` needed
2.2 s and more than 15 s (it lacks the implied "busy slots = meetings"); "at most 1" is then satisfied in
1.3 s and 2-5 s. Glucose because it can be interrupted at the budget (PySAT's CaDiCaL 1.9 and Kissat
cannot), and incremental: the bound is an assumption on one totalizer, learnt clauses carry over.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pysat.card import ITotalizer
from pysat.solvers import Solver

from missionmatch.scheduling.cpu_budget import CpuBudget
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.maxsat_model import build_wcnf, slots_from_model
from missionmatch.scheduling.solution import OPTIMAL, Solution, breaks_per_participant

SAT_SOLVER = "glucose4"
MAX_RUNGS = 4  # bounds tried above the proven one: higher optima are CP-SAT's and RC2's (forumt-14: 5)


@dataclass
class LadderResult:
    solution: Solution | None  # proven optimal, or None
    bound: int  # breaks proven necessary
    seconds: float


def glucose_ladder(instance: Instance, fairness: int | None, budget: float, lower: int = 0) -> LadderResult:
    """Climb from `lower` (already proven) until a bound is satisfiable or the budget is spent."""
    start, cpu = time.monotonic(), time.process_time()  # the budget is CPU time (`cpu_budget`)
    wcnf, x = build_wcnf(instance, fairness, seat_bound=False)  # the seat bound slows plain SAT calls
    breaks = [-clause[0] for clause in wcnf.soft]  # soft clauses are "no break here"
    top = min(len(breaks), lower + MAX_RUNGS)
    with (
        ITotalizer(lits=breaks or [wcnf.nv + 1], ubound=top, top_id=wcnf.nv + 1) as tot,
        Solver(name=SAT_SOLVER, bootstrap_with=wcnf.hard + tot.cnf.clauses) as sat,
        CpuBudget(max(0.0, budget - (time.process_time() - cpu)), sat.interrupt),
    ):
        for k in range(lower, top + 1):
            # tot.rhs[k] is "more than k breaks"; with k = every break literal, no assumption is needed
            assumptions = [-tot.rhs[k]] if k < len(tot.rhs) and breaks else []
            found = sat.solve_limited(assumptions=assumptions, expect_interrupt=True)
            if found is None:  # interrupted: the budget is spent
                break
            if not found:
                lower = k + 1  # no schedule with k breaks or fewer (fairness included)
                continue
            slots = slots_from_model(instance, x, sat.get_model() or [])
            objective = sum(breaks_per_participant(instance, slots))
            seconds = time.monotonic() - start
            sol = Solution(instance.name, OPTIMAL, objective, slots, seconds, bound=objective)
            sol.engine = "glucose-ladder"
            return LadderResult(sol, objective, seconds)
    return LadderResult(None, lower, time.monotonic() - start)
