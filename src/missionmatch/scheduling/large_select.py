"""Which meetings to aim for: a maximum-weight b-matching by min-cost flow (OR-Tools), slots ignored.

When the tables are not what binds, the participants' own capacity is (free slots, maximum meetings),
and picking meetings heaviest first wastes a popular host's slots on partners who had other options.
The flow picks the best set under those capacities and the total number of tables x slots: the people
are split in two sides by colouring the meeting graph (a delegation meets hosts), each meeting is an arc
between its first two people on opposite sides (a meeting inside one side, or the third person of a
group, is not modelled), interpreters are not modelled either. The greedy then places this set first.
"""

from __future__ import annotations

from collections import deque

from missionmatch.scheduling.instance import Instance


def sides(inst: Instance) -> list[int]:
    """A 0/1 side per participant from a BFS 2-colouring of the meeting graph (best effort if odd cycles)."""
    side = [-1] * inst.n_participants
    for root in range(inst.n_participants):
        if side[root] != -1:
            continue
        side[root] = 0
        queue = deque([root])
        while queue:
            p = queue.popleft()
            for m in inst.meetings_of[p]:
                for q in inst.meetings[m].participants:
                    if side[q] == -1:
                        side[q] = 1 - side[p]
                        queue.append(q)
    return side


def flow_selection(inst: Instance) -> set[int]:
    """Meetings of a maximum-weight selection under participant capacities and tables x slots."""
    from ortools.graph.python import min_cost_flow

    side = sides(inst)
    n_p = inst.n_participants
    source, sink = n_p, n_p + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    for p, part in enumerate(inst.participants):
        cap = inst.n_slots - len(part.forbidden)
        if part.max_meetings is not None:
            cap = min(cap, part.max_meetings)
        if side[p] == 0:
            flow.add_arc_with_capacity_and_unit_cost(source, p, cap, 0)
        else:
            flow.add_arc_with_capacity_and_unit_cost(p, sink, cap, 0)
    heavy = 1 + max((mt.weight for mt in inst.meetings), default=1) * 100
    arcs = {}
    for m, mt in enumerate(inst.meetings):
        pair = _arc(mt.participants, side)
        if pair is None or not inst.allowed_slots(m):
            continue
        weight = mt.weight if mt.optional else heavy
        arcs[m] = flow.add_arc_with_capacity_and_unit_cost(pair[0], pair[1], 1, -weight)
    total = sum(inst.tables_at(t) for t in range(inst.n_slots))
    flow.add_arc_with_capacity_and_unit_cost(source, sink, total, 0)  # tables left unused
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    if flow.solve() != flow.OPTIMAL:
        return set()
    return {m for m, a in arcs.items() if flow.flow(a)}


def _arc(people: tuple[int, ...], side: list[int]) -> tuple[int, int] | None:
    a = next((p for p in people if side[p] == 0), None)
    b = next((p for p in people if side[p] == 1), None)
    return None if a is None or b is None else (a, b)
