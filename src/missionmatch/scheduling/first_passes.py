"""Cheap exact passes in the calling process, before the portfolio spawns anything.

A spawned engine pays 0.6-1 s to start (import OR-Tools and PySAT, encode) on a quiet 2-core machine, more
under load; forumt-14 is proven by CP-SAT core search in 0.16 s in-process and in 0.85 s by the portfolio
(issue 12, docs/benchmarks-scheduling.md). So: the break-free pass (`quick_pass`), then one short exact
pass chosen by what the break-free pass said, and the portfolio only when nothing was proven:
- "no break-free schedule" came at once (0.1-0.5 s on the originals with breaks): CP-SAT core search;
- no answer in its budget (forum-13crafc, ticf-13crafc, ticf-14crafa): the Glucose ladder, whose encoding
  refutes "0 breaks" where the break-free encoding stalls, then CP-SAT core search.
Every bound proven on the way goes to the portfolio, which then knows a schedule that meets it is optimal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from missionmatch.scheduling.cpsat_solve import Progress, solve_cpsat
from missionmatch.scheduling.glucose_ladder import glucose_ladder
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.quick_pass import quick_solve
from missionmatch.scheduling.solution import INFEASIBLE, OPTIMAL, Solution

QUICK_SECONDS = 1.5  # CPU s; break-free originals: 0.02-0.9 s quiet (forum-13 missed 1.0 s at load 12)
CPSAT_SECONDS = 3.0  # forumt-14*: 0.16-0.27 s, forum-14: 2.4 s, ticf-14crafa: 1.8 s in-process
LADDER_SECONDS = 4.0  # forum-13crafc 3.3 s, ticf-13crafc 4.8 s at load 7 (optimum 1, both rungs)
SHARE = 1 / 4  # of the time limit, at most, before the portfolio starts
# The budgets are of work (CPU time for the SAT passes, CP-SAT's deterministic time), so which pass answers
# does not follow the machine's load; on a crowded machine the wall clock stops a pass at 3x its budget.
WALL_FACTOR = 3.0


@dataclass
class FirstPasses:
    solution: Solution | None  # proven (optimal or infeasible), or None
    bound: int  # breaks proven necessary
    seconds: float


def first_passes(
    instance: Instance, fairness: int | None, time_limit: float, progress: Progress | None = None
) -> FirstPasses:
    start = time.monotonic()

    def left(cap: float) -> float:  # wall-clock seconds, within the share
        return min(cap, time_limit * SHARE - (time.monotonic() - start))

    def done(sol: Solution | None, bound: int) -> FirstPasses:
        return FirstPasses(sol, bound, time.monotonic() - start)

    quick = quick_solve(instance, min(QUICK_SECONDS, left(QUICK_SECONDS * WALL_FACTOR)))
    if progress:
        verdict = "none: at least 1 break" if quick.bound else "no answer in its budget"
        found = "a break-free schedule (optimal)" if quick.solution else verdict
        progress(f"[zero-break-sat] {found} after {quick.seconds:.1f}s; bound={quick.bound}")
    if quick.solution is not None:
        return done(quick.solution, 0)
    bound = quick.bound
    if not quick.bound and left(LADDER_SECONDS) > 0:
        ladder = glucose_ladder(
            instance, fairness, min(LADDER_SECONDS, left(LADDER_SECONDS * WALL_FACTOR)), bound
        )
        bound = max(bound, ladder.bound)
        if progress:
            found = f"objective={ladder.solution.objective}" if ladder.solution else "no schedule"
            progress(f"[glucose-ladder] {found} after {ladder.seconds:.1f}s; bound={bound}")
        if ladder.solution is not None:
            return done(ladder.solution, bound)
    if left(CPSAT_SECONDS) > 0:
        cp = solve_cpsat(instance, fairness, left(CPSAT_SECONDS * WALL_FACTOR), 1, work_limit=CPSAT_SECONDS)
        if progress:
            progress(f"[cp-sat] in-process: {cp.status} objective={cp.objective} bound={cp.bound}")
        if cp.status in (OPTIMAL, INFEASIBLE):
            return done(cp, cp.bound if cp.bound is not None else bound)
        bound = max(bound, cp.bound or 0)
    return done(None, bound)
