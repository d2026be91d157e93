"""Incremental schedule state for the large-event heuristics: who is busy when, as slot bitmasks.

Every hard constraint of `Instance` is kept on each `place`: one meeting per participant per slot, tables
per slot (`tables_at`), availability and sessions and fixed slots (`allowed`), interpreters per slot and
pair, maximum meetings, hosted tables (one meeting at a time at a host's table) and precedences. A
participant's breaks are its idle runs between first and last meeting of each B2B session: per session,
runs of its busy mask minus one (`brk`).
"""

from __future__ import annotations

from collections.abc import Callable

from missionmatch.scheduling.instance import Instance


def bits(mask: int) -> list[int]:
    """The slots set in a mask, in increasing order."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def breaks_of(mask: int) -> int:
    """Idle runs strictly inside a busy mask: (runs of ones) - 1, or 0 when empty."""
    return (mask & ~(mask << 1)).bit_count() - 1 if mask else 0


class State:
    def __init__(self, inst: Instance, slots: list[int | None] | None = None) -> None:
        self.inst = inst
        n_t, n_m, n_p = inst.n_slots, inst.n_meetings, inst.n_participants
        self.full = (1 << n_t) - 1
        self.cap = [inst.tables_at(t) for t in range(n_t)]
        sessions = tuple(sum(1 << t for t in r) for r in inst.session_ranges())
        self.brk: Callable[[int], int] = (
            breaks_of if len(sessions) < 2 else (lambda mask: sum(breaks_of(mask & s) for s in sessions))
        )
        self.slot: list[int | None] = [None] * n_m
        self.busy = [0] * n_p
        self.count = [0] * n_p
        self.at: list[dict[int, int]] = [{} for _ in range(n_p)]  # participant -> slot -> meeting
        self.load = [0] * n_t
        self.open = sum(1 << t for t in range(n_t) if self.cap[t] > 0)  # slots with a free table
        self.cap_max = [n_m if p.max_meetings is None else p.max_meetings for p in inst.participants]
        self.allowed = [sum(1 << t for t in inst.allowed_slots(m)) for m in range(n_m)]
        self.parts = [mt.participants for mt in inst.meetings]
        self.weight = [mt.weight if mt.optional else 0 for mt in inst.meetings]
        self.pair = [mt.interpreter for mt in inst.meetings]
        self.interp_cap = {k: list(v) for k, v in inst.interpreters.items()}
        self.interp_use = {k: [0] * n_t for k in inst.interpreters}
        self.interp_open = {
            k: sum(1 << t for t, c in enumerate(v) if c > 0) for k, v in inst.interpreters.items()
        }
        self.hosts: list[tuple[int, ...]] = [  # per meeting, the host tables it must take
            tuple(sorted({h for p in mt.participants if (h := inst.participants[p].host_table) is not None}))
            for mt in inst.meetings
        ]
        self.table_busy: dict[int, int] = {}
        self.table_at: dict[tuple[int, int], int] = {}  # (host table, slot) -> meeting
        self.in_slot: list[set[int]] = [set() for _ in range(n_t)]
        self.optional = [mt.optional for mt in inst.meetings]
        self.by_weight: list[dict[int, set[int]]] = [{} for _ in range(n_t)]  # optional meetings only
        self.after = [mt.after for mt in inst.meetings]
        succ: list[list[int]] = [[] for _ in range(n_m)]
        for m, mt in enumerate(inst.meetings):
            for m2 in mt.after:
                succ[m2].append(m)
        self.before = [tuple(s) for s in succ]  # meetings that must come strictly later than m
        self.placed_weight = 0
        self.n_placed = 0
        self.n_mandatory = 0  # mandatory meetings placed
        self.covered = 0  # participants with at least one meeting
        if slots is not None:
            for m, t in enumerate(slots):
                if t is not None:
                    self.place(m, t)

    # --- feasibility -------------------------------------------------------------------------------
    def free_mask(self, m: int, ignore: tuple[int, ...] = ()) -> int:
        """Slots where m could be placed now (m unplaced), treating the meetings in `ignore` as absent."""
        mask = self.allowed[m]
        if not ignore:
            mask &= self.open
        for p in self.parts[m]:
            if self.count[p] - sum(1 for i in ignore if p in self.parts[i]) >= self.cap_max[p]:
                return 0
            b = self.busy[p]
            for i in ignore:
                t = self.slot[i]
                if t is not None and p in self.parts[i]:
                    b &= ~(1 << t)
            mask &= ~b
        for h in self.hosts[m]:
            b = self.table_busy.get(h, 0)
            for i in ignore:
                t = self.slot[i]
                if t is not None and h in self.hosts[i]:
                    b &= ~(1 << t)
            mask &= ~b
        if ignore:
            for t in range(self.inst.n_slots):
                leaving = sum(1 for i in ignore if self.slot[i] == t)
                if mask >> t & 1 and self.load[t] - leaving >= self.cap[t]:
                    mask &= ~(1 << t)
        pair = self.pair[m]
        if pair is not None:
            if ignore:
                for t in range(self.inst.n_slots):
                    if mask >> t & 1:
                        used = self.interp_use[pair][t] if pair in self.interp_use else 0
                        used -= sum(1 for i in ignore if self.slot[i] == t and self.pair[i] == pair)
                        if used >= self.interp_cap.get(pair, [0] * self.inst.n_slots)[t]:
                            mask &= ~(1 << t)
            else:
                mask &= self.interp_open.get(pair, 0)
        if self.after[m] or self.before[m]:
            mask &= self._precedence_mask(m)
        return mask

    def _precedence_mask(self, m: int) -> int:
        lo, hi = -1, self.inst.n_slots
        for m2 in self.after[m]:
            t = self.slot[m2]
            if t is not None:
                lo = max(lo, t)
        for m2 in self.before[m]:
            t = self.slot[m2]
            if t is not None:
                hi = min(hi, t)
        return sum(1 << t for t in range(lo + 1, hi)) if lo + 1 < hi else 0

    # --- moves ---------------------------------------------------------------------------------------
    def place(self, m: int, t: int) -> None:
        bit = 1 << t
        self.slot[m] = t
        for p in self.parts[m]:
            self.busy[p] |= bit
            self.count[p] += 1
            self.covered += self.count[p] == 1
            self.at[p][t] = m
        for h in self.hosts[m]:
            self.table_busy[h] = self.table_busy.get(h, 0) | bit
            self.table_at[(h, t)] = m
        self.in_slot[t].add(m)
        if self.optional[m]:
            self.by_weight[t].setdefault(self.weight[m], set()).add(m)
        self.load[t] += 1
        if self.load[t] >= self.cap[t]:
            self.open &= ~bit
        pair = self.pair[m]
        if pair is not None and pair in self.interp_use:
            self.interp_use[pair][t] += 1
            if self.interp_use[pair][t] >= self.interp_cap[pair][t]:
                self.interp_open[pair] &= ~bit
        self.placed_weight += self.weight[m]
        self.n_placed += 1
        self.n_mandatory += not self.optional[m]

    def remove(self, m: int) -> int:
        t = self.slot[m]
        assert t is not None
        bit = 1 << t
        self.slot[m] = None
        for p in self.parts[m]:
            self.busy[p] &= ~bit
            self.count[p] -= 1
            self.covered -= self.count[p] == 0
            del self.at[p][t]
        for h in self.hosts[m]:
            self.table_busy[h] &= ~bit
            del self.table_at[(h, t)]
        self.in_slot[t].discard(m)
        if self.optional[m]:
            self.by_weight[t][self.weight[m]].discard(m)
        self.load[t] -= 1
        self.open |= bit
        pair = self.pair[m]
        if pair is not None and pair in self.interp_use:
            self.interp_use[pair][t] -= 1
            self.interp_open[pair] |= bit
        self.placed_weight -= self.weight[m]
        self.n_placed -= 1
        self.n_mandatory -= not self.optional[m]
        return t

    def move(self, m: int, t: int) -> None:
        self.remove(m)
        self.place(m, t)

    def lightest(self, t: int, exclude: set[int]) -> int | None:
        """The lowest-weight optional meeting in slot t outside `exclude` (None: only mandatory ones)."""
        for w in sorted(self.by_weight[t]):
            for m in self.by_weight[t][w]:
                if m not in exclude:
                    return m
        return None

    # --- breaks ------------------------------------------------------------------------------------
    def score(self) -> tuple[int, int, int]:
        """What placing is worth, compared lexicographically: mandatory meetings placed, people with a
        meeting (only when the instance asks to cover everyone first), optional weight."""
        return self.n_mandatory, self.covered if self.inst.cover_everyone else 0, self.placed_weight

    def breaks(self, p: int) -> int:
        return self.brk(self.busy[p])

    def total_breaks(self) -> int:
        return sum(self.brk(b) for b in self.busy)

    def delta_add(self, m: int, t: int) -> int:
        """Change in total breaks if unplaced m went to slot t."""
        bit = 1 << t
        return sum(self.brk(self.busy[p] | bit) - self.brk(self.busy[p]) for p in self.parts[m])

    def best_slot(self, m: int, mask: int) -> int:
        """The slot of `mask` adding the fewest breaks, then the least loaded, then the first."""
        return min(bits(mask), key=lambda t: (self.delta_add(m, t), self.load[t], t))

    def slots(self) -> list[int | None]:
        return list(self.slot)
