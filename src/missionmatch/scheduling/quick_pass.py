"""A cheap first pass in the calling process: is there a break-free schedule? (one SAT call, Glucose)

The portfolio's engines run in spawned processes, and each pays its import of OR-Tools and PySAT and
its own MaxSAT encoding before it searches: 2.5-3.5 s on this 2-core machine (the encoding alone
0.5-6.7 s in Python at load 2.6), where half the benchmark originals have a break-free optimum. The
zero-break encoding (`large_zero`: one run of consecutive slots a participant) is built in 0.03-0.9 s,
and Glucose answers it in well under a second on most originals (issue 12, docs/benchmarks-scheduling.md):
either a schedule with 0 breaks (optimal: 0 is a lower bound, and fairness holds with every count 0) or
"none", which proves at least one break for the portfolio. Glucose is interrupted at the budget of
CPU time (`cpu_budget`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pysat.solvers import Solver

from missionmatch.scheduling.cpu_budget import CpuBudget
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.large_zero import applies, zero_break_clauses
from missionmatch.scheduling.solution import OPTIMAL, Solution

SAT_SOLVER = "glucose4"  # incremental and interruptible (CaDiCaL 1.9 and Kissat are not interruptible)


@dataclass
class QuickResult:
    solution: Solution | None  # a proven-optimal break-free schedule, or None
    bound: int  # breaks proven necessary: 1 when "no break-free schedule" was proven, else 0
    seconds: float


def quick_solve(instance: Instance, budget: float) -> QuickResult:
    start, cpu = time.monotonic(), time.process_time()  # the budget is CPU time (`cpu_budget`)
    if not applies(instance) or budget <= 0:
        return QuickResult(None, 0, 0.0)
    clauses, x = zero_break_clauses(instance)
    with Solver(name=SAT_SOLVER, bootstrap_with=clauses) as sat:
        with CpuBudget(max(0.0, budget - (time.process_time() - cpu)), sat.interrupt):
            found = sat.solve_limited(expect_interrupt=True)
        seconds = time.monotonic() - start
        if found is None:  # interrupted: the budget is spent, nothing proven
            return QuickResult(None, 0, seconds)
        if not found:
            return QuickResult(None, 1, seconds)
        true = {v for v in sat.get_model() or [] if v > 0}
    slots: list[int | None] = [None] * instance.n_meetings
    for (m, t), v in x.items():
        if v in true:
            slots[m] = t
    sol = Solution(instance.name, OPTIMAL, 0, slots, seconds, bound=0, engine="zero-break-sat")
    return QuickResult(sol, 0, seconds)
