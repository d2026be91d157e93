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
from missionmatch.scheduling.large_lns import break_neighbourhood, neighbourhood, reoptimize
from missionmatch.scheduling.large_repair import missing_mandatory, repair_mandatory
from missionmatch.scheduling.large_select import flow_selection
from missionmatch.scheduling.large_state import State
from missionmatch.scheduling.large_zero import ZeroBreakSearch, applies
from missionmatch.scheduling.solution import FEASIBLE, OPTIMAL, UNKNOWN, Solution
from missionmatch.scheduling.tables import assign_tables

Progress = Callable[[str], None]
# above this many meetings `solve` takes this path: at 1,500 meetings (30-40 s) it beat CP-SAT + polish on
# weight (17,052 vs 16,070) and breaks; at 500, CP-SAT + polish won (docs/benchmarks-scheduling.md)
LARGE_MEETINGS = 1000
ZERO_FROM = 500  # meetings; a smaller event is one exact neighbourhood (see `improve`)
SAT_SHARE = 0.7  # of the time after construction, with one core left to the break-free SAT call


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
    # beside the heuristics, on the benchmark's model: one SAT call for a break-free schedule
    search = ZeroBreakSearch(instance) if applies(instance) and instance.n_meetings >= ZERO_FROM else None

    def found() -> bool:
        return search is not None and search.poll() and search.slots is not None

    try:
        state = _construct(instance, start + 0.3 * time_limit, progress, start)
        if missing_mandatory(state):  # tight tables: exact sub-solves seat the rest, as long as it takes
            repair_mandatory(state, deadline, workers, rng, lns_size, progress, found)
            _report(progress, "repair", state, start)
        reserve = 0.1 * time_limit if fairness is not None else 0.0
        fair_slots = None  # a schedule within the fairness limit, kept in case the rounds lose it
        if fairness is not None and _hard_counts_met(state) and not found():
            until = time.monotonic() + 0.3 * (deadline - time.monotonic())
            if _make_fair(state, fairness, until, workers, rng, lns_size):
                fair_slots = state.slots()
        if _hard_counts_met(state) and search is not None and not search.poll():
            # the SAT call is what finds a break-free schedule: it keeps a core to itself for most of the
            # time while the rounds go on with one CP-SAT worker, then they get every core
            shared = time.monotonic() + SAT_SHARE * (deadline - reserve - time.monotonic())
            improve(state, shared, 1, rng, progress, start, size=lns_size, stop=search.poll)
        if _hard_counts_met(state) and not found():
            improve(state, deadline - reserve, workers, rng, progress, start, size=lns_size, stop=found)
        if found():
            assert search is not None and search.slots is not None
            state = State(instance, search.slots)
            _report(progress, "break-free schedule (SAT)", state, start)
        if not _hard_counts_met(state):
            return _partial(instance, state, time.monotonic() - start)
        fair = fairness is None or _make_fair(state, fairness, deadline, workers, rng, lns_size)
        if not fair and fair_slots is not None:
            state, fair = State(instance, fair_slots), True
        if not fair:
            note = f"fairness d={fairness} not reached without dropping mandatory meetings"
            return _partial(instance, state, time.monotonic() - start, [note])
        refuted = search is not None and search.done and search.slots is None
    finally:
        if search is not None:
            search.stop()
    engine = "large+zero-break-sat" if found() else "large"
    return _result(instance, state, start, 1 if refuted else 0, engine)


def _make_fair(state: State, d: int, until: float, workers: int, rng: random.Random, size: int) -> bool:
    """Moves, then exact steps around the people above the limit, until fair (True) or `until`."""
    fair = enforce_fairness(state, d)
    while not fair and time.monotonic() + 0.5 < until:
        _around_the_unfair(state, d, until, workers, rng, size)
        fair = enforce_fairness(state, d)
    return fair


def _around_the_unfair(
    state: State, d: int, deadline: float, workers: int, rng: random.Random, size: int
) -> None:
    """CP-SAT neighbourhood steps on breaks seeded at the people with the most, above the fairness limit."""
    lo = min((state.brk(b) for b in state.busy), default=0)
    bad = sorted(
        (p for p, b in enumerate(state.busy) if state.brk(b) > lo + d), key=lambda p: -state.breaks(p)
    )
    for p in bad[:5]:
        left = deadline - time.monotonic()
        if left < 0.3:
            return
        free = break_neighbourhood(state, rng, size, first=p)
        reoptimize(state, free, min(1.0, left), None, workers, rng.randrange(1 << 30))


def _result(instance: Instance, state: State, start: float, bound: int, engine: str) -> Solution:
    slots = state.slots()
    optional = any(state.optional)
    breaks = state.total_breaks()
    # with nothing optional to gain, breaks down to a proven bound are optimal
    proven = not optional and breaks <= bound
    return Solution(
        instance.name,
        OPTIMAL if proven else FEASIBLE,
        breaks,
        slots,
        time.monotonic() - start,
        bound=None if optional else bound,
        tables=assign_tables(instance, slots),
        engine=engine,
        scheduled_weight=state.placed_weight if optional else None,
    )


def _partial(instance: Instance, state: State, seconds: float, extra: list[str] | None = None) -> Solution:
    """Out of time with mandatory meetings (or minimums) unmet: no schedule to claim, but the notes say
    how far it got and what is missing, and `partial` keeps the best partial placement."""
    missing = missing_mandatory(state)
    short = [p for p, part in enumerate(instance.participants) if state.count[p] < part.min_meetings]
    notes = [f"placed {state.n_mandatory} of {state.n_mandatory + len(missing)} mandatory meetings"]
    if missing:
        shown = ", ".join(f"{m} {instance.meetings[m].participants}" for m in missing[:20])
        notes.append(f"not placed: {shown}" + (" ..." if len(missing) > 20 else ""))
    if short:
        notes.append(f"below their minimum number of meetings: participants {short[:20]}")
    notes += extra or []
    return Solution(
        instance.name, UNKNOWN, None, None, seconds, engine="large", notes=notes, partial=state.slots()
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
    stop: Callable[[], bool] = lambda: False,
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
    while time.monotonic() + 0.1 < deadline and not _nothing_left(state) and not stop():
        rounds += 1
        if rounds == due:
            before = _key(state)
            for _ in range(lns_steps):
                left = deadline - time.monotonic()
                # everything placed: the exact steps work on breaks instead (all-mandatory events)
                free = neighbourhood(state, rng, size) or break_neighbourhood(state, rng, size)
                if left < 0.3 or not free:
                    break
                reoptimize(state, free, min(1.0, left), None, workers, rng.randrange(1 << 30))
            gap = 1 if _key(state) > before else min(2 * gap, 32)
            due = rounds + gap
        reduce_breaks(state, deadline, rng, rounds=1, sideways=True)
        reduce_breaks(state, deadline, rng)
        if progress and rounds % 10 == 0:
            _report(progress, f"round {rounds}", state, start)
    _report(progress, f"done ({rounds} rounds)", state, start)


def _nothing_left(state: State) -> bool:
    """Every meeting placed and no break: no schedule is better (0 breaks is a lower bound)."""
    return state.n_placed == state.inst.n_meetings and state.total_breaks() == 0


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
