"""Scalable solver path for events too large for the exact model (thousands of people and meetings).

`solve_large`:
  1. two greedy constructions (`large_greedy`): heaviest first, and the min-cost-flow selection first
     (`large_select`), each followed by Kempe chains (`large_kempe`) and ejection-chain insertions; the
     better (weight, then breaks) is kept;
  2. until the time limit, rounds of: break reduction by relocations and swaps (`large_breaks`, strict
     descent, then a randomised sideways pass), and a few CP-SAT large-neighbourhood steps around heavy
     unplaced meetings (`large_lns`), which may add weight.
Every step keeps its result only if (weight placed, -breaks) does not get worse, so the weight placed by
the construction is a floor and the breaks reduction never costs weight. The schedule satisfies every
hard constraint of `Instance`; fairness, when asked, is enforced at the end by `large_fairness` (which
may drop optional meetings). It is a heuristic: the status is "feasible", and `bounds.lp_bound` says how
far from the best possible weight it can be.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.large_breaks import reduce_breaks
from missionmatch.scheduling.large_fairness import enforce_fairness
from missionmatch.scheduling.large_greedy import construct, improve_insertions
from missionmatch.scheduling.large_lns import neighbourhood, reoptimize
from missionmatch.scheduling.large_select import flow_selection
from missionmatch.scheduling.large_state import State
from missionmatch.scheduling.solution import FEASIBLE, UNKNOWN, Solution
from missionmatch.scheduling.tables import assign_tables

Progress = Callable[[str], None]
# above this many meetings `solve` takes this path: at 1,500 meetings (30-40 s) it beat CP-SAT + polish on
# weight (17,052 vs 16,070) and breaks; at 500, CP-SAT + polish won (docs/benchmarks-scheduling.md)
LARGE_MEETINGS = 1000


def solve_large(
    instance: Instance,
    fairness: int | None = None,
    time_limit: float = 60.0,
    workers: int = 2,
    progress: Progress | None = None,
    seed: int = 0,
    lns_size: int = 300,
) -> Solution:
    """A valid schedule (status "feasible") of every mandatory meeting and as much optional weight as it
    finds, with few breaks, within `time_limit` seconds (a little more on a very slow machine).
    `lns_size` meetings at most are re-decided by CP-SAT at a time (an instance that small is solved
    exactly)."""
    start = time.monotonic()
    deadline = start + time_limit
    rng = random.Random(seed)
    state = _construct(instance, start + 0.3 * time_limit, progress, start)
    if not _hard_counts_met(state):
        return Solution(
            instance.name,
            UNKNOWN,
            None,
            None,
            time.monotonic() - start,
            engine="large",
            notes=["a mandatory meeting or a minimum number of meetings could not be placed"],
        )
    reserve = 0.05 * time_limit if fairness is not None else 0.0
    improve(state, deadline - reserve, workers, rng, progress, start, size=lns_size)
    if fairness is not None and not enforce_fairness(state, fairness):
        return Solution(
            instance.name,
            UNKNOWN,
            None,
            None,
            time.monotonic() - start,
            engine="large",
            notes=[f"fairness d={fairness} not reached without dropping mandatory meetings"],
        )
    slots = state.slots()
    return Solution(
        instance.name,
        FEASIBLE,
        state.total_breaks(),
        slots,
        time.monotonic() - start,
        tables=assign_tables(instance, slots),
        engine="large",
        scheduled_weight=state.placed_weight if any(state.optional) else None,
    )


def polish(
    instance: Instance,
    slots: list[int | None],
    time_limit: float,
    workers: int = 2,
    progress: Progress | None = None,
    seed: int = 0,
) -> Solution:
    """Spend `time_limit` seconds improving a valid schedule (CP-SAT's, the best on weight) with the break
    reduction and neighbourhood steps above; (people covered, weight) never get worse. No fairness here."""
    start = time.monotonic()
    state = State(instance, list(slots))
    # the whole-instance exact step is what produced `slots`: start with the local moves
    improve(
        state,
        start + time_limit,
        workers,
        random.Random(seed),
        progress,
        start,
        size=min(300, max(1, instance.n_meetings - 1)),
    )
    out = state.slots()
    return Solution(
        instance.name,
        FEASIBLE,
        state.total_breaks(),
        out,
        time.monotonic() - start,
        tables=assign_tables(instance, out),
        engine="cp-sat+polish",
        scheduled_weight=state.placed_weight if any(state.optional) else None,
    )


def _construct(instance: Instance, deadline: float, progress: Progress | None, start: float) -> State:
    best: State | None = None
    for name, first in (("heaviest first", None), ("flow selection first", flow_selection(instance))):
        state = State(instance)
        construct(state, first)
        improve_insertions(state, deadline)
        _report(progress, f"greedy, {name}", state, start)
        if best is None or _key(state) > _key(best):
            best = state
    assert best is not None
    return best


def _key(state: State) -> tuple[int, int, int, int]:
    return *state.score(), -state.total_breaks()


def improve(
    state: State,
    deadline: float,
    workers: int,
    rng: random.Random,
    progress: Progress | None,
    start: float,
    lns_steps: int = 3,
    size: int = 300,
) -> None:
    """Break reduction rounds; LNS steps for weight every `gap` rounds, `gap` doubling while they fail.

    An instance of at most `size` meetings is one neighbourhood: its first step is the exact model, and
    once CP-SAT proves it optimal there is nothing left to improve."""
    inst = state.inst
    if inst.n_meetings <= size:
        _, proven = reoptimize(state, range(inst.n_meetings), deadline - time.monotonic(), None, workers)
        if proven:
            _report(progress, "exact (whole instance in one neighbourhood)", state, start)
            return
    reduce_breaks(state, deadline, rng)
    rounds, gap, due = 0, 1, 1
    while time.monotonic() + 0.1 < deadline:
        rounds += 1
        if rounds == due:
            before = state.score()
            for _ in range(lns_steps):
                left = deadline - time.monotonic()
                free = neighbourhood(state, rng, size)
                if left < 0.3 or not free:
                    break
                reoptimize(state, free, min(1.0, left), None, workers, rng.randrange(1 << 30))
            gap = 1 if state.score() > before else min(2 * gap, 32)
            due = rounds + gap
        reduce_breaks(state, deadline, rng, rounds=1, sideways=True)
        reduce_breaks(state, deadline, rng)
        if progress and rounds % 10 == 0:
            _report(progress, f"round {rounds}", state, start)
    _report(progress, f"done ({rounds} rounds)", state, start)


def _hard_counts_met(state: State) -> bool:
    inst = state.inst
    if any(state.slot[m] is None for m, mt in enumerate(inst.meetings) if not mt.optional):
        return False
    return all(state.count[p] >= part.min_meetings for p, part in enumerate(inst.participants))


def _report(progress: Progress | None, stage: str, state: State, start: float) -> None:
    if progress:
        progress(
            f"[large] {stage}: {state.n_placed} placed, weight {state.placed_weight}, "
            f"breaks {state.total_breaks()}, {time.monotonic() - start:.1f}s"
        )
