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
            self.progress(
                f"[cp-sat] {self.stage}: best={self.objective_value:g} "
                f"bound={self.best_objective_bound:g} elapsed={time.monotonic() - self.start:.1f}s"
            )


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
    work_limit: float | None = None,
) -> Solution:
    """Lexicographic: max weighted optional meetings, then each extra stage (minimised), then breaks.
    `work_limit`: CP-SAT's deterministic time per stage (about seconds on a quiet machine, at any load)."""
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
    proven = True  # every stage so far solved to optimality
    earlier_proven = True  # every stage before the current one
    slots: list[int | None] | None = None
    bound: int | None = None
    for i, (name, expr, maximize) in enumerate(stages):
        left = time_limit - (time.monotonic() - start)
        if left <= 0.01 and slots is not None:
            proven = False
            break
        # an unproven stage must not starve the later ones (a 300-person mission spent its whole budget on
        # the weight and kept 422 idle gaps): each stage gets a fair share of what is left; unused time
        # carries over
        budget = left if i == len(stages) - 1 else left / (len(stages) - i)
        (mdl.maximize if maximize else mdl.minimize)(expr)
        solver = parameters(budget, workers)
        if work_limit is not None:
            solver.parameters.max_deterministic_time = work_limit
        status = solver.solve(mdl, _Reporter(name, progress, start))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if slots is not None:  # a later stage found nothing better in its share: keep the last schedule
                proven = False
                break
            final = INFEASIBLE if status == cp_model.INFEASIBLE else UNKNOWN
            return Solution(instance.name, final, None, None, time.monotonic() - start, engine="cp-sat")
        slots = [
            next((t for t, v in cm.x[m].items() if solver.boolean_value(v)), None)
            for m in range(instance.n_meetings)
        ]
        earlier_proven = proven
        if status != cp_model.OPTIMAL:
            proven = False
        if name == "breaks":
            # a lower bound on breaks holds for the whole problem only if earlier stages were optimal
            bound = round(solver.best_objective_bound) if earlier_proven else None
        else:
            # freeze this stage's optimum (or best found) before the next one; keep the solution as hint
            value = round(solver.objective_value)
            mdl.add(expr >= value if maximize else expr <= value)
            mdl.clear_hints()
            for m in range(instance.n_meetings):
                for v in cm.x[m].values():
                    mdl.add_hint(v, solver.boolean_value(v))
    assert slots is not None
    final_optimal = proven and stages[-1][0] == "breaks"
    objective = sum(breaks_per_participant(instance, slots))
    weight = sum(
        mt.weight for mt, t in zip(instance.meetings, slots, strict=True) if mt.optional and t is not None
    )
    return Solution(
        instance.name,
        OPTIMAL if final_optimal else FEASIBLE,
        objective,
        slots,
        time.monotonic() - start,
        bound=bound,
        engine="cp-sat",
        scheduled_weight=weight if any(mt.optional for mt in instance.meetings) else None,
    )
