"""Fewer idle gaps without losing weight: relocations and slot swaps, first improvement, in pure Python.

For a participant with breaks, each of their meetings is tried in every slot that would cut their own
breaks: moved there if a table is free, else swapped with the meeting of that slot that blocks it (a
partner's meeting there) or with the best meeting of that slot whose people are free in the old slot.
A move is kept only if the total breaks of everybody it touches go down; the set of meetings placed, and
so the weight, never changes. Meetings with precedences are left where they are.
"""

from __future__ import annotations

import random
import time

from missionmatch.scheduling.large_state import State, bits


def reduce_breaks(
    state: State, deadline: float, rng: random.Random, rounds: int = 20, sideways: bool = False
) -> int:
    """Passes over the participants with breaks until a pass gains nothing; returns breaks removed.

    With `sideways`, a move that only hands a break from a participant to a partner (delta 0) is taken
    too, at random, which lets later passes find the improvements the strict descent cannot reach."""
    gained = 0
    for _ in range(rounds):
        people = [p for p in range(state.inst.n_participants) if state.brk(state.busy[p])]
        rng.shuffle(people)
        pass_gain = 0
        for p in people:
            if time.monotonic() > deadline:
                return gained + pass_gain
            pass_gain += _improve(state, p, rng, sideways)
        gained += pass_gain
        if not pass_gain and not sideways:
            break
    return gained


def _improve(state: State, p: int, rng: random.Random, sideways: bool) -> int:
    gain = 0
    for _ in range(state.inst.n_slots):
        if not state.brk(state.busy[p]):
            break
        best = _best_move(state, p, rng, sideways)
        if best is None:
            break
        delta, m, b, m2 = best
        a = state.slot[m]
        assert a is not None
        if m2 is None:
            state.move(m, b)
        else:
            state.remove(m)
            state.remove(m2)
            state.place(m, b)
            state.place(m2, a)
        gain -= delta
    return gain


def _best_move(
    state: State, p: int, rng: random.Random, sideways: bool
) -> tuple[int, int, int, int | None] | None:
    """The best (delta, meeting, new slot, swapped meeting) that lowers the breaks (or, sideways, a random
    one that keeps them), or None."""
    busy = state.busy[p]
    now = state.brk(busy)
    best: tuple[int, int, int, int | None] | None = None
    level: list[tuple[int, int, int, int | None]] = []
    for a, m in list(state.at[p].items()):
        if state.after[m] or state.before[m]:
            continue
        base = busy & ~(1 << a)
        for b in bits(state.allowed[m] & ~base & ~(1 << a)):
            if state.brk(base | 1 << b) >= now:
                continue
            for cand in _options(state, m, a, b, rng):
                if best is None or cand[0] < best[0]:
                    best = cand
                if cand[0] == 0:
                    level.append(cand)
    if best is not None and best[0] < 0:
        return best
    return rng.choice(level) if sideways and level and rng.random() < 0.5 else None


Move = tuple[int, int, int, int | None]  # (breaks delta, meeting, new slot, meeting swapped with or None)


def _options(state: State, m: int, a: int, b: int, rng: random.Random) -> list[Move]:
    blockers = {state.at[u][b] for u in state.parts[m] if b in state.at[u]}
    blockers |= {state.table_at[(h, b)] for h in state.hosts[m] if (h, b) in state.table_at}
    if len(blockers) > 1:
        return []
    if blockers:
        m2 = blockers.pop()
        d = _swap_delta(state, m, a, m2, b)
        return [] if d is None else [(d, m, b, m2)]
    out: list[Move] = []
    if state.load[b] < state.cap[b] and _interp_ok(state, m, b, None):
        out.append((_move_delta(state, m, a, b), m, b, None))
    others = list(state.in_slot[b])
    if len(others) > 60:
        others = rng.sample(others, 60)
    for m2 in others:
        d = _swap_delta(state, m, a, m2, b)
        if d is not None:
            out.append((d, m, b, m2))
    return out


def _interp_ok(state: State, m: int, b: int, leaving: int | None) -> bool:
    pair = state.pair[m]
    if pair is None or (leaving is not None and state.pair[leaving] == pair):
        return True
    return pair in state.interp_use and state.interp_use[pair][b] < state.interp_cap[pair][b]


def _move_delta(state: State, m: int, a: int, b: int) -> int:
    d = 0
    for u in state.parts[m]:
        old = state.busy[u]
        d += state.brk(old & ~(1 << a) | 1 << b) - state.brk(old)
    return d


def _swap_delta(state: State, m: int, a: int, m2: int, b: int) -> int | None:
    """Breaks change if m (slot a) and m2 (slot b) trade slots; None if the trade breaks a constraint."""
    if m2 == m or state.after[m2] or state.before[m2] or not state.allowed[m2] >> a & 1:
        return None
    for u in state.parts[m2]:
        if state.at[u].get(a, m) != m:
            return None
    for h in state.hosts[m2]:
        if state.table_at.get((h, a), m) != m:
            return None
    for u in state.parts[m]:
        if state.at[u].get(b, m2) != m2:
            return None
    for h in state.hosts[m]:
        if state.table_at.get((h, b), m2) != m2:
            return None
    if not _interp_ok(state, m, b, m2) or not _interp_ok(state, m2, a, m):
        return None
    both = set(state.parts[m]) & set(state.parts[m2])
    d = 0
    for u in state.parts[m]:
        if u not in both:
            old = state.busy[u]
            d += state.brk(old & ~(1 << a) | 1 << b) - state.brk(old)
    for u in state.parts[m2]:
        if u not in both:
            old = state.busy[u]
            d += state.brk(old & ~(1 << b) | 1 << a) - state.brk(old)
    return d
