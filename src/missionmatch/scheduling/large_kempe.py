"""Kempe-chain augmentation: place a two-person meeting whose people are never free at the same time.

If p is free in slot a and q in slot b (p busy in b, q busy in a), swap slots a and b along the chain of
meetings that starts with p's meeting in b and alternates b, a, b, ...; afterwards p is free in b (as in
the proof of Koenig's edge-colouring theorem). Every meeting of the chain is re-placed through the state's
own feasibility test (availability, tables, interpreters, host tables, precedences), so a chain that would
break any constraint is undone; nothing is ever dropped, so the weight only grows.
"""

from __future__ import annotations

from missionmatch.scheduling.large_state import State, bits

MAX_CHAIN = 40


def kempe_insert(state: State, m: int, tries: int = 24) -> bool:
    if len(state.parts[m]) != 2 or state.slot[m] is not None:
        return False
    p, q = state.parts[m]
    if state.count[p] >= state.cap_max[p] or state.count[q] >= state.cap_max[q]:
        return False
    allowed = state.allowed[m]
    if state.after[m] or state.before[m]:
        allowed &= state._precedence_mask(m)
    only_p = bits(allowed & ~state.busy[p] & state.busy[q])
    only_q = bits(allowed & ~state.busy[q] & state.busy[p])
    n = 0
    for a in only_p:
        for b in only_q:
            for start, free_at, busy_at in ((p, a, b), (q, b, a)):
                n += 1
                if n > tries:
                    return False
                if _swap_chain(state, start, free_at, busy_at, m):
                    return True
    return False


def _swap_chain(state: State, start: int, a: int, b: int, m: int) -> bool:
    """Swap a <-> b along the chain from `start`'s meeting in b; then place m in b. Undone on failure."""
    chain: list[int] = []
    node, col = start, b
    while True:
        e = state.at[node].get(col)
        if e is None:
            break
        if len(state.parts[e]) != 2 or e in chain or len(chain) >= MAX_CHAIN:
            return False
        chain.append(e)
        node = state.parts[e][0] if state.parts[e][1] == node else state.parts[e][1]
        col = a if col == b else b
    old = {e: state.slot[e] for e in chain}
    for e in chain:
        state.remove(e)
    done: list[int] = []
    for e in chain:
        new = a if old[e] == b else b
        if not state.free_mask(e) >> new & 1:
            break
        state.place(e, new)
        done.append(e)
    else:
        mask = state.free_mask(m)
        if mask:
            state.place(m, b if mask >> b & 1 else state.best_slot(m, mask))
            return True
    for e in done:
        state.remove(e)
    for e, t in old.items():
        assert t is not None
        state.place(e, t)
    return False
