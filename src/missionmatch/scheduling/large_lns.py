"""CP-SAT large-neighbourhood search: re-decide a few hundred meetings exactly, everything else fixed.

`reoptimize` frees a set of meetings (placed or not), builds a small CP-SAT model of where they may go
around the fixed rest (the same hard constraints as `large_state`: clash, tables, host tables,
interpreters, maximum/minimum meetings, mandatory meetings, precedences), and maximises
K * weight placed - breaks of the people involved, K larger than any break count in play, which is the
lexicographic order of the exact model (weight first, then breaks). The answer is applied only when it is
better (or equal, for diversity) by the state's own exact count; otherwise the old placement comes back.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from ortools.sat.python import cp_model

from missionmatch.scheduling.large_state import State, bits


def reoptimize(
    state: State,
    free: Iterable[int],
    time_limit: float,
    restrict: int | None = None,
    workers: int = 1,
    seed: int = 0,
    with_breaks: bool = True,
) -> tuple[int, bool]:
    """Re-decide `free` (slots limited to the `restrict` mask if given).

    Returns (1 if better, 0 if as good (the new placement is kept), -1 if not kept; whether CP-SAT proved
    its answer optimal for the neighbourhood)."""
    free = sorted(set(free))
    old = {m: state.slot[m] for m in free}
    people = sorted({p for m in free for p in state.parts[m]})
    before = (*state.score(), -sum(state.brk(state.busy[p]) for p in people))
    for m in free:
        if state.slot[m] is not None:
            state.remove(m)
    built = _build(state, free, people, restrict, old, with_breaks)
    new, proven = _solve(built, time_limit, workers, seed) if built is not None else (None, False)
    if new is not None:
        for m, t in new.items():
            state.place(m, t)
        after = (*state.score(), -sum(state.brk(state.busy[p]) for p in people))
        if after >= before:
            return (1 if after > before else 0), proven
        for m in new:
            state.remove(m)
    for m, was in old.items():
        if was is not None:
            state.place(m, was)
    return -1, proven


class _Built:
    def __init__(self, model: cp_model.CpModel, x: dict[int, dict[int, cp_model.IntVar]]) -> None:
        self.model, self.x = model, x


def _build(
    state: State,
    free: list[int],
    people: list[int],
    restrict: int | None,
    old: dict[int, int | None],
    with_breaks: bool,
) -> _Built | None:
    inst = state.inst
    mdl = cp_model.CpModel()
    x: dict[int, dict[int, cp_model.IntVar]] = {}
    groups: dict[tuple, list[cp_model.IntVar]] = {}
    held: dict[int, list[cp_model.IntVar]] = {p: [] for p in people}
    for m in free:
        mask = state.free_mask(m) if restrict is None else state.free_mask(m) & restrict
        x[m] = {t: mdl.new_bool_var("") for t in bits(mask)}
        if not state.optional[m]:
            if not x[m]:
                return None  # a mandatory meeting has nowhere to go in this neighbourhood
            mdl.add_exactly_one(x[m].values())
        elif len(x[m]) > 1:
            mdl.add_at_most_one(x[m].values())
        for t, v in x[m].items():
            for p in state.parts[m]:
                groups.setdefault(("p", p, t), []).append(v)
            for h in state.hosts[m]:
                groups.setdefault(("h", h, t), []).append(v)
            groups.setdefault(("t", t), []).append(v)
            if state.pair[m] is not None:
                groups.setdefault(("i", state.pair[m], t), []).append(v)
        for p in state.parts[m]:
            held[p] += x[m].values()
        was = old[m]
        if was is not None and was in x[m]:
            mdl.add_hint(x[m][was], 1)
    for key, vs in groups.items():
        if key[0] in ("p", "h"):
            if len(vs) > 1:
                mdl.add_at_most_one(vs)
        elif key[0] == "t":
            left = state.cap[key[1]] - state.load[key[1]]
            if len(vs) > left:
                mdl.add(sum(vs) <= left)
        else:
            left = state.interp_cap[key[1]][key[2]] - state.interp_use[key[1]][key[2]]
            if len(vs) > left:
                mdl.add(sum(vs) <= left)
    for p in people:
        part = inst.participants[p]
        if len(held[p]) > state.cap_max[p] - state.count[p]:
            mdl.add(sum(held[p]) <= state.cap_max[p] - state.count[p])
        if part.min_meetings > state.count[p]:
            mdl.add(sum(held[p]) >= part.min_meetings - state.count[p])
    _precedences(state, mdl, x)
    breaks = [_breaks(state, mdl, p, groups) for p in people] if with_breaks else []
    k = len(people) * inst.n_slots + 1
    weight = sum(state.weight[m] * v for m in free for v in x[m].values())
    objective = k * weight - sum(breaks)
    if inst.cover_everyone:  # people with a meeting come first: worth more than all the weight in play
        k2 = k * (sum(state.weight[m] for m in free) + 1)
        covered = []
        for p in people:
            if state.count[p] == 0 and held[p]:
                c = mdl.new_bool_var("")
                mdl.add(c <= sum(held[p]))
                covered.append(c)
        objective += k2 * sum(covered)
    mdl.maximize(objective)
    return _Built(mdl, x)


def _precedences(state: State, mdl: cp_model.CpModel, x: dict[int, dict[int, cp_model.IntVar]]) -> None:
    for m, xs in x.items():
        for m2 in state.after[m]:
            if m2 not in x:
                continue  # a fixed predecessor is already in free_mask
            for t, v in xs.items():
                late = [w for t2, w in x[m2].items() if t2 >= t]
                if late:
                    mdl.add(sum(late) == 0).only_enforce_if(v)


def _breaks(
    state: State, mdl: cp_model.CpModel, p: int, groups: dict[tuple, list[cp_model.IntVar]]
) -> int | cp_model.LinearExpr:
    """Idle runs of p, per B2B session: busy runs - (has a meeting); a run starts where busy follows idle."""
    fixed = state.busy[p]
    total: list[int | cp_model.LinearExpr] = []
    for r in state.inst.session_ranges():
        row: list[int | cp_model.LinearExpr] = []
        for t in r:
            vs = groups.get(("p", p, t), [])
            row.append(1 if fixed >> t & 1 else (sum(vs) if vs else 0))
        if all(isinstance(b, int) for b in row):
            total.append(state.brk(fixed & sum(1 << t for t in r)))
            continue
        prev: int | cp_model.LinearExpr = 0
        for b in row:
            if isinstance(b, int) and (b == 0 or isinstance(prev, int)):
                total.append(int(b == 1 and prev == 0))
            elif not (isinstance(prev, int) and prev == 1):
                s = mdl.new_bool_var("")
                mdl.add(s >= b - prev)
                total.append(s)
            prev = b
        if any(fixed >> t & 1 for t in r):
            total.append(-1)
        else:
            has = mdl.new_bool_var("")
            mdl.add(has <= sum(v for t in r for v in groups.get(("p", p, t), [])))
            total.append(-has)
    return sum(total)


def _solve(built: _Built, time_limit: float, workers: int, seed: int) -> tuple[dict[int, int] | None, bool]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, status == cp_model.INFEASIBLE
    out = {}
    for m, xs in built.x.items():
        for t, v in xs.items():
            if solver.boolean_value(v):
                out[m] = t
    return out, status == cp_model.OPTIMAL


def neighbourhood(state: State, rng: random.Random, size: int, around: int | None = None) -> list[int]:
    """Meetings to free for one step: around an unplaced meeting (`around`, or one drawn in proportion to
    its weight), its people's meetings, then their partners' meetings, breadth first, up to `size`."""
    inst = state.inst
    pool = [m for m in range(inst.n_meetings) if state.slot[m] is None and state.allowed[m]]
    if not pool:
        return []
    seed = (
        around if around is not None else rng.choices(pool, weights=[state.weight[m] or 1 for m in pool])[0]
    )
    people = set(state.parts[seed])
    frontier = list(state.parts[seed])
    free: set[int] = set()
    while frontier and len(free) < size:
        p = frontier.pop(0)
        for m in inst.meetings_of[p]:
            if len(free) >= size:
                break
            if m in free or (state.slot[m] is None and not state.allowed[m]):
                continue
            free.add(m)
            for q in state.parts[m]:
                if q not in people and state.slot[m] is not None:
                    people.add(q)
                    frontier.append(q)
    return sorted(free)


def break_neighbourhood(state: State, rng: random.Random, size: int, first: int | None = None) -> list[int]:
    """Meetings to free for a step on breaks when nothing is left to place: those of a participant with
    breaks (`first`, or one drawn in proportion to them), then their partners' meetings, breadth first,
    up to `size`."""
    inst = state.inst
    pool = [p for p in range(inst.n_participants) if state.brk(state.busy[p])]
    if not pool:
        return []
    if first is None:
        first = rng.choices(pool, weights=[state.brk(state.busy[p]) for p in pool])[0]
    seen, frontier = {first}, [first]
    free: list[int] = []
    taken: set[int] = set()
    while frontier and len(free) < size:
        p = frontier.pop(0)
        for m in inst.meetings_of[p]:
            if len(free) >= size:
                break
            if m in taken or state.slot[m] is None:
                continue
            taken.add(m)
            free.append(m)
            for q in state.parts[m]:
                if q not in seen:
                    seen.add(q)
                    frontier.append(q)
    return sorted(free)
