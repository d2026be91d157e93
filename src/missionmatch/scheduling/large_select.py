"""Which meetings to aim for: a maximum-weight b-matching by min-cost flow (OR-Tools), slots ignored.

When the tables are not what binds, the participants' own capacity is (free slots, maximum meetings),
and picking meetings heaviest first wastes a popular host's slots on partners who had other options.
The flow picks the best set under those capacities and the total number of tables x slots: the people
are split in two sides by colouring the meeting graph (a delegation meets hosts), each meeting is an arc
between one person of each side (a meeting inside one side is not modelled, nor are interpreters).

A company meeting (three people or more) is a hyperedge, which a flow cannot model: its arc joins its
least free person of each side, the colouring follows the two-person meetings first (colleagues in a
group are not two sides), and afterwards groups are dropped, lightest first, until nobody is selected
for more meetings than they can attend. The greedy then places this set first.
"""

from __future__ import annotations

from collections import deque

from missionmatch.scheduling.instance import Instance


def sides(inst: Instance) -> list[int]:
    """A 0/1 side per participant from a BFS 2-colouring of the meeting graph (best effort if odd cycles):
    through two-person meetings first, which are always between the sides, then through groups for the
    people only groups reach (a group's colleagues would otherwise be coloured apart)."""
    side = [-1] * inst.n_participants
    for pairs_only in (True, False):
        for root in range(inst.n_participants):
            if side[root] != -1 or (pairs_only and not _in_pair(inst, root)):
                continue
            side[root] = 0
            queue = deque([root])
            while queue:
                p = queue.popleft()
                for m in inst.meetings_of[p]:
                    people = inst.meetings[m].participants
                    if pairs_only and len(people) != 2:
                        continue
                    for q in people:
                        if side[q] == -1:
                            side[q] = 1 - side[p]
                            queue.append(q)
    return side


def _in_pair(inst: Instance, p: int) -> bool:
    return any(len(inst.meetings[m].participants) == 2 for m in inst.meetings_of[p])


def flow_selection(inst: Instance) -> set[int]:
    """Meetings of a maximum-weight selection under participant capacities and tables x slots."""
    from ortools.graph.python import min_cost_flow

    side = sides(inst)
    n_p = inst.n_participants
    source, sink = n_p, n_p + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    caps = [_capacity(inst, p) for p in range(n_p)]
    for p, cap in enumerate(caps):
        if side[p] == 0:
            flow.add_arc_with_capacity_and_unit_cost(source, p, cap, 0)
        else:
            flow.add_arc_with_capacity_and_unit_cost(p, sink, cap, 0)
    heavy = 1 + max((mt.weight for mt in inst.meetings), default=1) * 100
    arcs = {}
    for m, mt in enumerate(inst.meetings):
        pair = _arc(mt.participants, side, caps)
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
    return _within_capacity(inst, {m for m, a in arcs.items() if flow.flow(a)}, caps)


def _capacity(inst: Instance, p: int) -> int:
    part = inst.participants[p]
    cap = inst.n_slots - len(part.forbidden)
    return cap if part.max_meetings is None else min(cap, part.max_meetings)


def _arc(people: tuple[int, ...], side: list[int], caps: list[int]) -> tuple[int, int] | None:
    """The least free person of each side: the one a group's arc must count."""
    a = min((p for p in people if side[p] == 0), key=lambda p: (caps[p], p), default=None)
    b = min((p for p in people if side[p] == 1), key=lambda p: (caps[p], p), default=None)
    return None if a is None or b is None else (a, b)


def _within_capacity(inst: Instance, chosen: set[int], caps: list[int]) -> set[int]:
    """Drops groups, lightest first, while an attendee the flow did not count is selected too often."""
    load = [0] * inst.n_participants
    for m in chosen:
        for p in inst.meetings[m].participants:
            load[p] += 1
    groups = sorted(
        (m for m in chosen if len(inst.meetings[m].participants) > 2), key=lambda m: _rank(inst, m)
    )
    for m in groups:
        people = inst.meetings[m].participants
        if any(load[p] > caps[p] for p in people):
            chosen.discard(m)
            for p in people:
                load[p] -= 1
    return chosen


def _rank(inst: Instance, m: int) -> tuple[bool, int, int]:
    mt = inst.meetings[m]
    return not mt.optional, mt.weight, -m  # mandatory ones last; then the lightest, the latest first
