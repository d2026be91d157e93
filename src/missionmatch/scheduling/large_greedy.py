"""Weighted greedy construction and ejection-chain insertion for large events.

Construction takes mandatory meetings first (fixed ones, then the least flexible), then optional meetings
by weight (heaviest first; among equals the least flexible, then the least contested participants first),
each into the feasible slot that adds the fewest breaks, then the least loaded slot. When the instance
asks to cover everyone first, a first pass gives one meeting to each person, least requested first.

Insertion puts an unplaced meeting into a slot by ejecting what blocks it there (a participant's meeting
in that slot, the host table's meeting, the lightest meeting when the tables or the interpreters are all
taken, a participant's lightest meeting when at the maximum), re-placing the ejected meetings elsewhere
when they fit; the move is kept only when `State.score` grows (mandatory meetings placed, then people
covered if asked, then weight).
"""

from __future__ import annotations

import time

from missionmatch.scheduling.large_kempe import kempe_insert
from missionmatch.scheduling.large_state import State, bits


def construction_order(state: State, first: set[int] | None = None) -> list[int]:
    """Mandatory meetings, then the `first` set (if given), then the rest, each heaviest first."""
    inst = state.inst
    demand = [len(ms) for ms in inst.meetings_of]
    first = first or set()
    mandatory = [m for m, mt in enumerate(inst.meetings) if not mt.optional]
    optional = [m for m, mt in enumerate(inst.meetings) if mt.optional]
    mandatory.sort(key=lambda m: (inst.meetings[m].fixed_slot is None, state.allowed[m].bit_count(), m))
    optional.sort(
        key=lambda m: (
            m not in first,
            -state.weight[m],
            state.allowed[m].bit_count(),
            sum(demand[p] for p in state.parts[m]),
            m,
        )
    )
    return mandatory + optional


def construct(state: State, first: set[int] | None = None) -> list[int]:
    """Place greedily; return the meetings left unplaced (in construction order)."""
    order = construction_order(state, first)
    if state.inst.cover_everyone:
        _cover_pass(state, order)
    left = []
    for m in order:
        if state.slot[m] is not None:
            continue
        mask = state.free_mask(m)
        if mask:
            state.place(m, state.best_slot(m, mask))
        else:
            left.append(m)
    return left


def _cover_pass(state: State, order: list[int]) -> None:
    """One meeting for each person still without one, people with the fewest requests first."""
    inst = state.inst
    rank = {m: i for i, m in enumerate(order)}
    for p in sorted(range(inst.n_participants), key=lambda p: (len(inst.meetings_of[p]), p)):
        if state.count[p]:
            continue
        for m in sorted(inst.meetings_of[p], key=lambda m: rank[m]):
            mask = state.free_mask(m) if state.optional[m] else 0
            if mask:
                state.place(m, state.best_slot(m, mask))
                break


def _ejection(state: State, m: int, t: int) -> set[int] | None:
    """What must leave slot t (or m's participants' schedules) for m to enter t; None if impossible."""
    out: set[int] = set()
    for p in state.parts[m]:
        i = state.at[p].get(t)
        if i is not None:
            out.add(i)
    for h in state.hosts[m]:
        i = state.table_at.get((h, t))
        if i is not None:
            out.add(i)
    if state.load[t] - sum(1 for i in out if state.slot[i] == t) >= state.cap[t]:
        v = state.lightest(t, out)
        if v is None:
            return None
        out.add(v)
    pair = state.pair[m]
    if pair is not None:
        cap = state.interp_cap.get(pair, [0] * state.inst.n_slots)[t]
        here = [i for i in state.in_slot[t] if state.pair[i] == pair]
        while sum(1 for i in here if i not in out) >= cap:
            rest = [i for i in here if i not in out and state.optional[i]]
            if not rest:
                return None
            out.add(min(rest, key=lambda i: state.weight[i]))
    for p in state.parts[m]:
        while state.count[p] - sum(1 for i in out if p in state.parts[i]) >= state.cap_max[p]:
            rest = [i for i in state.at[p].values() if i not in out and state.optional[i]]
            if not rest:
                return None
            out.add(min(rest, key=lambda i: state.weight[i]))
    if any(not state.optional[i] for i in out):
        return None
    return out


def try_insert(state: State, m: int, tries: int = 3) -> bool:
    """Insert m with ejections in the best of a few slots; True if kept (the state is unchanged if not)."""
    value = 10**9 if not state.optional[m] else state.weight[m]  # a mandatory meeting outweighs all
    base = state.allowed[m]
    if state.after[m] or state.before[m]:
        base &= state._precedence_mask(m)
    options = []
    for t in bits(base):
        out = _ejection(state, m, t)
        if out is None:
            continue
        loss = sum(state.weight[i] for i in out)
        # worth trying if lighter, if a free table elsewhere may take the ejected back, or for coverage
        if loss < value or state.open & ~(1 << t) or state.inst.cover_everyone:
            options.append((loss, t, out))
    options.sort(key=lambda x: (x[0], x[1]))
    return any(_apply(state, m, t, out) for _loss, t, out in options[:tries])


def _apply(state: State, m: int, t: int, out: set[int]) -> bool:
    before = state.score()
    old = {i: state.slot[i] for i in out}
    for i in out:
        state.remove(i)
    state.place(m, t)
    back = []
    for i in sorted(out, key=lambda i: -state.weight[i]):
        mask = state.free_mask(i)
        if mask:
            state.place(i, state.best_slot(i, mask))
            back.append(i)
    if state.score() > before:
        return True
    for i in back:
        state.remove(i)
    state.remove(m)
    for i, s in old.items():
        assert s is not None
        state.place(i, s)
    return False


def improve_insertions(state: State, deadline: float, rounds: int = 3) -> int:
    """Ejection-chain passes over the unplaced meetings, heaviest first, until no gain or the deadline."""
    total = 0
    for _ in range(rounds):
        gained = 0
        order = [m for m in construction_order(state) if state.slot[m] is None]
        floor = _floor(state)
        cover = state.inst.cover_everyone
        for m in order:
            if time.monotonic() > deadline:
                return total + gained
            if state.optional[m] and state.weight[m] <= floor and not state.open and not cover:
                continue  # every table taken by meetings at least as heavy: no single swap can gain
            before = state.score()
            mask = state.free_mask(m)
            if mask:
                state.place(m, state.best_slot(m, mask))
            elif not kempe_insert(state, m) and not try_insert(state, m):
                continue
            gained += state.score() > before
        total += gained
        if not gained:
            break
    return total


def _floor(state: State) -> int:
    """The lightest optional meeting placed anywhere (what a full schedule would eject first)."""
    return min(
        (w for t in range(state.inst.n_slots) for w, ms in state.by_weight[t].items() if ms), default=10**9
    )
