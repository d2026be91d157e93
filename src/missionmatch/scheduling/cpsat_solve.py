"""Solving the CP-SAT model: lexicographic stages, core-based search, progress reporting."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

from missionmatch.scheduling.cpsat_model import CpsatModel, build, covered_people
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.solution import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    UNKNOWN,
    Solution,
    breaks_per_participant,
)

Progress = Callable[[str], None]


def stderr_progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, progress: Progress | None, start: float) -> None:
        super().__init__()
        self.stage, self.progress, self.start = stage, progress, start

    def on_solution_callback(self) -> None:
        if self.progress:
            self.progress(f"[cp-sat] {self.stage}: best={self.objective_value:g} "
                          f"bound={self.best_objective_bound:g} elapsed={time.monotonic() - self.start:.1f}s")


def parameters(time_limit: float, workers: int, seed: int = 0) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.01, time_limit)
    p.num_workers = workers
    p.random_seed = seed
    if workers == 1:
        # measured in issue 3: with the LP relaxation off, core-based (lower-bound driven) search proves
        # the hard benchmark originals; with the LP on, forum-14 finds nothing in 60 s
        p.linearization_level = 0
        p.optimize_with_core = True
    return solver


def solve_cpsat(
    instance: Instance,
    fairness: int | None = 2,
    time_limit: float = 60.0,
    workers: int = 1,
    progress: Progress | None = None,
    extra_stages: Sequence[Callable[[CpsatModel], cp_model.LinearExprT]] = (),
    hint: Sequence[int | None] | None = None,
) -> Solution:
    """Lexicographic: max weighted optional meetings, then each extra stage (minimised), then breaks."""
    start = time.monotonic()
    cm = build(instance, fairness)
    mdl = cm.model
    if hint is not None:
        for m, t in enumerate(hint):
            for t2, v in cm.x[m].items():
                mdl.add_hint(v, int(t2 == t))
    stages: list[tuple[str, cp_model.LinearExprT, bool]] = []
    if any(mt.optional for mt in instance.meetings):
        if instance.cover_everyone:
            stages.append(("people with a meeting", covered_people(cm), True))
        stages.append(("scheduled weight", cm.scheduled_weight, True))
    stages += [(f"stage {i + 1}", f(cm), False) for i, f in enumerate(extra_stages)]
    stages.append(("breaks", cm.total_breaks, False))
    proven = True
    solver: cp_model.CpSolver | None = None
    status = cp_model.UNKNOWN
    for name, expr, maximize in stages:
        left = time_limit - (time.monotonic() - start)
        if left <= 0.01 and solver is not None:
            proven = False
            break
        (mdl.maximize if maximize else mdl.minimize)(expr)
        solver = parameters(left, workers)
        status = solver.solve(mdl, _Reporter(name, progress, start))
        if status == cp_model.INFEASIBLE:
            return Solution(instance.name, INFEASIBLE, None, None, time.monotonic() - start, engine="cp-sat")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Solution(instance.name, UNKNOWN, None, None, time.monotonic() - start, engine="cp-sat")
        value = round(solver.objective_value)
        if status != cp_model.OPTIMAL:
            proven = False
        if name != "breaks":
            # freeze this stage's optimum (or best found) before the next one; keep the solution as hint
            mdl.add(expr >= value if maximize else expr <= value)
            mdl.clear_hints()
            for m in range(instance.n_meetings):
                for v in cm.x[m].values():
                    mdl.add_hint(v, solver.boolean_value(v))
            if not proven:
                break
    assert solver is not None
    slots: list[int | None] = []
    for m in range(instance.n_meetings):
        slots.append(next((t for t, v in cm.x[m].items() if solver.boolean_value(v)), None))
    final_optimal = proven and status == cp_model.OPTIMAL and stages[-1][0] == "breaks"
    objective = sum(breaks_per_participant(instance, slots))
    bound = round(solver.best_objective_bound) if stages[-1][0] == "breaks" and proven else None
    weight = sum(mt.weight for mt, t in zip(instance.meetings, slots, strict=True)
                 if mt.optional and t is not None)
    return Solution(instance.name, OPTIMAL if final_optimal else FEASIBLE, objective, slots,
                    time.monotonic() - start, bound=bound, engine="cp-sat",
                    scheduled_weight=weight if any(mt.optional for mt in instance.meetings) else None)
