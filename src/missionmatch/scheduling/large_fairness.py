"""Fairness for the large-event path: every participant's breaks within d of the fewest anybody has.

Repair, participant by participant: first move one of their meetings to a free slot that cuts their breaks
without pushing a partner over the limit; failing that, drop their lightest run of optional meetings (one
break fewer, whichever run goes). Dropping only ever removes meetings, so the loop ends.
"""

from __future__ import annotations

from missionmatch.scheduling.large_state import State, bits


def enforce_fairness(state: State, d: int) -> bool:
    """True once max breaks - min breaks <= d; False if only mandatory meetings are left to drop."""
    n_p = state.inst.n_participants
    for _ in range(state.inst.n_meetings + 1):
        lo = min((state.brk(b) for b in state.busy), default=0)
        bad = [p for p in range(n_p) if state.brk(state.busy[p]) > lo + d]
        if not bad:
            return True
        for p in bad:
            while state.brk(state.busy[p]) > lo + d:
                if not _move_one(state, p, lo + d) and not _drop_run(state, p):
                    return False
    return False


def _move_one(state: State, p: int, limit: int) -> bool:
    now = state.brk(state.busy[p])
    for m in sorted(state.at[p].values()):
        old = state.remove(m)
        for t in bits(state.free_mask(m)):
            if t == old:
                continue
            bit = 1 << t
            if state.brk(state.busy[p] | bit) >= now:
                continue
            if all(
                q == p or state.brk(state.busy[q] | bit) <= max(limit, state.brk(state.busy[q] | 1 << old))
                for q in state.parts[m]
            ):
                state.place(m, t)
                return True
        state.place(m, old)
    return False


def _drop_run(state: State, p: int) -> bool:
    runs: list[list[int]] = []
    prev = -2
    for t in sorted(state.at[p]):
        if t == prev + 1:
            runs[-1].append(state.at[p][t])
        else:
            runs.append([state.at[p][t]])
        prev = t
    droppable = [r for r in runs if all(state.optional[m] for m in r)]
    if len(runs) < 2 or not droppable:
        return False
    for m in min(droppable, key=lambda r: (sum(state.weight[m] for m in r), len(r))):
        state.remove(m)
    return True
