"""Portfolio across cores: CP-SAT core search in one process, RC2 MaxSAT in another; first proof wins.

Issue 3 measured that neither engine alone proves every hard original quickly (CP-SAT core search found
nothing on forum-13crafc in 60 s, RC2 + Glucose missed it in 150 s, RC2 + CaDiCaL proved it in 29 s), so
running both and taking the first proof is the cheapest way to the union of their strengths.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from typing import Any

from missionmatch.scheduling.cpsat_solve import Progress, solve_cpsat
from missionmatch.scheduling.first_passes import first_passes
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.large import LARGE_MEETINGS, polish, solve_large
from missionmatch.scheduling.maxsat_model import solve_maxsat, supports
from missionmatch.scheduling.sat_ladder import solve_ladder
from missionmatch.scheduling.solution import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, Solution
from missionmatch.scheduling.subprocesses import die_with_parent
from missionmatch.scheduling.tables import assign_tables

# engines started for 2 cores, then one more per extra core; the three of the 2-core set cover each
# other's blind spots on the benchmark (docs/benchmarks-scheduling.md): worth sharing two cores three ways
ENGINES = ("cpsat-core", "rc2-cd19", "sat-ladder", "rc2-g3", "cpsat-default")
BASE = 3
LADDER_NICENESS = 5
POLISH_FROM = 150  # meetings; below, CP-SAT proves its schedules (the demo's 158 in seconds)


def _run(
    engine: str, instance: Instance, fairness: int | None, deadline: float, verbose: bool, out: Any
) -> None:
    from missionmatch.scheduling.cpsat_solve import stderr_progress

    die_with_parent()
    time_limit = deadline - time.time()  # wall clock: shared by processes, startup time included
    try:
        if engine.startswith("rc2-"):
            sol = solve_maxsat(instance, fairness, engine.removeprefix("rc2-"))
        elif engine == "sat-ladder":
            # the fallback for what the other two cannot do: it gets the cycles they leave (a lower share)
            os.nice(LADDER_NICENESS)
            sol = solve_ladder(instance, fairness, lambda s: out.put((engine, s, None, False)))
        else:
            sol = solve_cpsat(
                instance,
                fairness,
                time_limit,
                1 if engine == "cpsat-core" else 2,
                stderr_progress if verbose else None,
            )
        out.put((engine, sol, None, True))
    except Exception as e:  # reported to the parent, which keeps waiting for the other engines
        out.put((engine, None, f"{type(e).__name__}: {e}", True))


def solve_portfolio(
    instance: Instance,
    fairness: int | None,
    time_limit: float,
    workers: int = 2,
    progress: Progress | None = None,
    lower: int = 0,
) -> Solution:
    """`lower`: breaks proven necessary (by the first passes): a schedule with that many is optimal."""
    start = time.monotonic()
    usable = supports(instance, fairness)
    engines = [e for e in ENGINES[: BASE + max(0, workers - 2)] if usable or e.startswith("cpsat")]
    ctx = mp.get_context("spawn")  # no fork: OR-Tools and SAT solvers hold threads/native state
    out = ctx.Queue()
    deadline = time.time() + time_limit
    procs = {
        e: ctx.Process(
            target=_run, args=(e, instance, fairness, deadline, progress is not None, out), daemon=True
        )
        for e in engines
    }
    for p in procs.values():
        p.start()
    best: Solution | None = None
    pending = set(engines)
    try:
        while pending:
            left = deadline + 10 - time.time()  # CP-SAT stops itself at the deadline; grace to report
            if left <= 0:
                break
            try:
                engine, sol, err, final = out.get(timeout=left)
            except queue.Empty:
                break
            if final:
                pending.discard(engine)
            if progress:
                progress(
                    f"[portfolio] {engine}: "
                    + (err or f"{sol.status} objective={sol.objective} after {time.monotonic() - start:.1f}s")
                )
            if sol is None:
                continue
            if sol.status in (OPTIMAL, INFEASIBLE):
                best = sol
                break
            lower = max(lower, sol.bound or 0)  # a bound proven by one engine holds for all
            if sol.status == FEASIBLE and (best is None or (sol.objective or 0) < (best.objective or 0)):
                best = sol
            if best is not None and best.objective is not None and best.objective <= lower:
                # one engine's schedule meets another engine's bound
                best.status, best.bound = OPTIMAL, best.objective
                break
    finally:
        for p in procs.values():
            if p.is_alive():
                p.terminate()
        for p in procs.values():
            p.join(timeout=5)
    elapsed = time.monotonic() - start
    if best is None:
        return Solution(instance.name, UNKNOWN, None, None, elapsed, engine="portfolio")
    best.solve_seconds = elapsed
    best.engine = f"portfolio:{best.engine}"
    return best


def _has_optional(instance: Instance) -> bool:
    return any(m.optional for m in instance.meetings)


def _exact_then_polish(
    instance: Instance, time_limit: float, workers: int, progress: Progress | None
) -> Solution:
    """Mid-size missions: CP-SAT is the best at the weight (500 meetings: the LP bound itself) but left 169
    idle gaps where the break moves of `large` leave 9; so CP-SAT gets half the time and, unless it proved
    everything, the moves polish its schedule in the other half."""
    start = time.monotonic()
    sol = solve_cpsat(instance, None, time_limit / 2, workers, progress)
    if sol.status in (OPTIMAL, INFEASIBLE):
        return sol
    if sol.meeting_slots is None:  # nothing found in half the time: the heuristics build one
        fallback = solve_large(instance, None, time_limit - (time.monotonic() - start), workers, progress)
        fallback.solve_seconds = time.monotonic() - start
        return fallback
    better = polish(instance, sol.meeting_slots, time_limit - (time.monotonic() - start), workers, progress)
    if (better.objective or 0) <= (sol.objective or 0):
        better.solve_seconds = time.monotonic() - start
        return better
    return sol


def _first_passes_then_portfolio(
    instance: Instance, fairness: int | None, time_limit: float, workers: int, progress: Progress | None
) -> Solution:
    """The in-process exact passes first; the spawned engines only when they did not prove the answer."""
    first = first_passes(instance, fairness, time_limit, progress)
    if first.solution is not None:
        first.solution.solve_seconds = first.seconds
        return first.solution
    left = time_limit - first.seconds
    sol = solve_portfolio(instance, fairness, left, workers, progress, first.bound)
    sol.solve_seconds += first.seconds
    if sol.bound is None or sol.bound < first.bound:
        sol.bound = first.bound
    return sol


def solve(
    instance: Instance,
    fairness: int | None = 2,
    time_limit: float = 60.0,
    workers: int = 2,
    progress: Progress | None = None,
) -> Solution:
    """Entry point: the best engine mix for the core count. Returns a `Solution` (status, breaks, slots,
    tables). Real-mission features (optional meetings, interpreters, hosted tables...) are CP-SAT only;
    events too large for the exact model go to the large-event heuristics with a stated bound."""
    if instance.n_meetings > LARGE_MEETINGS:
        return solve_large(instance, fairness, time_limit, workers, progress)
    if workers >= 2 and supports(instance, fairness):
        sol = _first_passes_then_portfolio(instance, fairness, time_limit, workers, progress)
    elif fairness is None and instance.n_meetings > POLISH_FROM and _has_optional(instance):
        sol = _exact_then_polish(instance, time_limit, workers, progress)
    else:
        sol = solve_cpsat(instance, fairness, time_limit, workers, progress)
    if sol.meeting_slots is not None:
        sol.tables = assign_tables(instance, sol.meeting_slots)
    return sol
