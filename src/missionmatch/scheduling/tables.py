"""Table assignment after slot assignment.

The model only bounds meetings per slot (<= n_tables) and keeps a host's meetings one at a time
(hosted-table constraint), which is exactly what makes this greedy assignment always succeed: hosted
meetings take their host's table first, the others fill the free tables. When replanning, `keep` gives the
tables of meetings that stay in their slot: they keep them before anything else is seated.
"""

from __future__ import annotations

from collections.abc import Mapping

from missionmatch.scheduling.instance import Instance


def assign_tables(
    instance: Instance, slots: list[int | None], keep: Mapping[int, int] | None = None
) -> list[int | None]:
    keep = keep or {}
    tables: list[int | None] = [None] * instance.n_meetings
    by_slot: dict[int, list[int]] = {}
    for m, t in enumerate(slots):
        if t is not None:
            by_slot.setdefault(t, []).append(m)
    for t, ms in by_slot.items():
        taken: set[int] = set()
        rest = []
        for m in ms:
            if m in keep and keep[m] < instance.tables_at(t):
                tables[m] = keep[m]
                taken.add(keep[m])
        for m in ms:
            if tables[m] is not None:
                continue
            hosts = {instance.participants[p].host_table for p in instance.meetings[m].participants}
            free = sorted(h for h in hosts if h is not None and h not in taken and h < instance.tables_at(t))
            if free:
                tables[m] = free[0]
                taken.add(free[0])
            else:
                rest.append(m)
        spare = (h for h in range(instance.tables_at(t)) if h not in taken)
        for m in rest:
            tables[m] = next(spare, None)  # None only if the schedule broke the capacity constraint
    return tables
