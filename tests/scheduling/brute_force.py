"""A schedule found by plain backtracking, for tiny instances: the referee of an "infeasible" answer.

It shares nothing with the engines: meetings are tried slot by slot, mandatory ones first, and every
complete assignment is judged by the checker (optional meetings may stay out: feasibility never needs
them, except to reach someone's minimum, so they are tried too when a minimum is asked).
"""

from __future__ import annotations

from missionmatch.scheduling import Instance, Solution, check


def find_schedule(inst: Instance, limit: int = 200_000) -> list[int | None] | None:
    needs_optional = any(p.min_meetings for p in inst.participants)
    order = [m for m, mt in enumerate(inst.meetings) if not mt.optional or needs_optional]
    slots: list[int | None] = [None] * inst.n_meetings
    tried = 0

    def fits(m: int, t: int) -> bool:
        mt = inst.meetings[m]
        here = [i for i, s in enumerate(slots) if s == t]
        if len(here) >= inst.tables_at(t):
            return False
        return not any(set(mt.participants) & set(inst.meetings[i].participants) for i in here)

    def search(k: int) -> bool:
        nonlocal tried
        tried += 1
        if tried > limit:
            raise RuntimeError(f"brute force gave up after {limit} nodes on {inst.name}")
        if k == len(order):
            return check(inst, Solution(inst.name, "feasible", None, list(slots))) == []
        m = order[k]
        options: list[int | None] = [t for t in inst.allowed_slots(m) if fits(m, t)]
        if inst.meetings[m].optional:
            options.append(None)
        for t in options:
            slots[m] = t
            if search(k + 1):
                return True
        slots[m] = None
        return False

    return list(slots) if search(0) else None
