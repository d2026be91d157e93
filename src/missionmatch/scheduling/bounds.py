"""Upper bounds on what a schedule can place: the yardstick for "placed >= 99% of the maximum".

Two bounds, both on the optional meetings placed (count) and on their weight:

- counting: at most the sum over slots of the tables meetings fit, and each meeting takes a slot of at
  least two people, so at most half the sum over participants of min(max meetings, usable slots,
  meetings asked); the weight bound is the heaviest that many meetings (mandatory ones take tables first).
- LP: the linear relaxation of the time-indexed model: x[m,t] in [0, 1] for each slot t meeting m may
  use (sessions, availability, fixed slots), at most one meeting per participant per slot, per host table
  per slot, `tables` per slot, the interpreters per pair per slot, the maximum (and minimum) meetings per
  participant, every mandatory meeting placed once. Only precedences are left out (a relaxation may
  drop constraints). Any schedule is a feasible point, so the LP optimum bounds the best schedule; weights
  are integers, so its floor does too. Solved with GLOP when small, PDLP (OR-Tools, first-order, about
  10-30 s for 15,000 meetings on one core) when large; the bound is then certified by weak duality from
  the solver's duals, recomputed here (`certified`), so it holds whatever the solver's tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from missionmatch.scheduling.instance import Instance


@dataclass(frozen=True)
class Bound:
    meetings: int  # no schedule places more optional meetings
    weight: int  # no schedule places more optional weight
    method: str


def counting_bound(inst: Instance) -> Bound:
    usable = {m for m in range(inst.n_meetings) if inst.allowed_slots(m)}
    mandatory = sum(1 for m in usable if not inst.meetings[m].optional)
    optional = sorted((inst.meetings[m].weight for m in usable if inst.meetings[m].optional), reverse=True)
    per_person = 0
    for p, part in enumerate(inst.participants):
        asked = sum(1 for m in inst.meetings_of[p] if m in usable)
        cap = asked if part.max_meetings is None else min(asked, part.max_meetings)
        per_person += min(cap, inst.n_slots - len(part.forbidden))
    total = min(sum(inst.tables_at(t) for t in range(inst.n_slots)), per_person // 2) - mandatory
    total = max(0, min(total, len(optional)))
    return Bound(total, sum(optional[:total]), "counting")


def lp_bound(
    inst: Instance, count: bool = False, time_limit: float = 300.0, cover: frozenset[int] = frozenset()
) -> Bound:
    """LP relaxation bound on the weight (and, with `count`, a second LP on the number of meetings).

    `cover`: people who must have a meeting. When a schedule gives a meeting to everybody who has a
    request, the "cover everyone first" order forces every best schedule to do so too, so the LP may
    require it and its bound on the weight is then much tighter."""
    w = _solve_lp(inst, [mt.weight for mt in inst.meetings], time_limit, cover)
    n = _solve_lp(inst, [1] * inst.n_meetings, time_limit, cover) if count else counting_bound(inst).meetings
    return Bound(min(n, counting_bound(inst).meetings), w, "lp+cover" if cover else "lp")


def _solve_lp(inst: Instance, obj: list[int], time_limit: float, cover: frozenset[int]) -> int:
    """Solve with PDLP, then certify: weak duality recomputed here from the solver's row duals."""
    from ortools.linear_solver import pywraplp

    rows, cols = _rows(inst, cover)
    if not cols:
        return 0  # nothing can be placed anywhere
    # GLOP (simplex) is exact and quick on small LPs, PDLP (first-order) scales to the large ones
    solver = pywraplp.Solver.CreateSolver("GLOP" if len(cols) < 20000 else "PDLP")
    assert solver is not None
    solver.SetTimeLimit(int(time_limit * 1000))
    xs = [solver.NumVar(0.0, 1.0, "") for _ in cols]
    cts = []
    for members, lo, hi in rows:
        ct = solver.Constraint(lo, hi)
        for j in members:
            ct.SetCoefficient(xs[j], 1.0)
        cts.append(ct)
    objective = solver.Objective()
    for j, (m, _t) in enumerate(cols):
        if inst.meetings[m].optional:
            objective.SetCoefficient(xs[j], float(obj[m]))
    objective.SetMaximization()
    status = solver.Solve()
    if status == pywraplp.Solver.INFEASIBLE:
        return -1  # no schedule at all (mandatory meetings, minimums or `cover` cannot all be met)
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):  # no duals after a time-out
        raise RuntimeError(f"LP bound: solver status {status}")
    duals = [ct.dual_value() for ct in cts]
    c = [float(obj[m]) if inst.meetings[m].optional else 0.0 for m, _t in cols]
    bound = min(certified(rows, c, duals), certified(rows, c, [-y for y in duals]))
    return math.floor(bound + 1e-6)


def certified(rows: list[tuple[list[int], float, float]], c: list[float], y: list[float]) -> float:
    """Weak duality for max c.x, lo <= Ax <= hi (A 0/1), 0 <= x <= 1, valid for ANY multipliers y:
    sum_r (y_r hi_r if y_r > 0 else y_r lo_r) + sum_j max(0, c_j - sum_{r ni j} y_r).
    A multiplier on an infinite side is dropped (taken as 0), which keeps the bound valid."""
    reduced = list(c)
    total = 0.0
    for (members, lo, hi), yr in zip(rows, y, strict=True):
        if yr > 0 and math.isfinite(hi):
            total += yr * hi
        elif yr < 0 and math.isfinite(lo):
            total += yr * lo
        else:
            continue
        for j in members:
            reduced[j] -= yr
    return total + sum(r for r in reduced if r > 0)


Rows = list[tuple[list[int], float, float]]  # (columns in the row, lower, upper), all coefficients 1


def _rows(inst: Instance, cover: frozenset[int]) -> tuple[Rows, list[tuple[int, int]]]:
    """Columns (meeting, slot) and 0/1 rows (members, lo, hi) of the time-indexed relaxation."""
    n_t = inst.n_slots
    cols: list[tuple[int, int]] = []
    groups: dict[tuple, list[int]] = {}
    rows: list[tuple[list[int], float, float]] = []
    held: list[list[int]] = [[] for _ in inst.participants]
    for m, mt in enumerate(inst.meetings):
        mine = []
        hosts = {h for p in mt.participants if (h := inst.participants[p].host_table) is not None}
        for t in inst.allowed_slots(m):
            j = len(cols)
            cols.append((m, t))
            mine.append(j)
            keys: list[tuple] = [("slot", t)] + [("person", p, t) for p in mt.participants]
            keys += [("table", h, t) for h in hosts]
            if mt.interpreter is not None:
                keys.append(("pair", mt.interpreter, t))
            for k in keys:
                groups.setdefault(k, []).append(j)
        rows.append((mine, 0.0 if mt.optional else 1.0, 1.0))
        for p in mt.participants:
            held[p] += mine
    for k, members in groups.items():
        if k[0] == "slot":
            rows.append((members, 0.0, float(inst.tables_at(k[1]))))
        elif k[0] == "pair":
            rows.append((members, 0.0, float(inst.interpreters.get(k[1], (0,) * n_t)[k[2]])))
        elif len(members) > 1:
            rows.append((members, 0.0, 1.0))
    for p, part in enumerate(inst.participants):
        lo = max(part.min_meetings, 1 if p in cover else 0)
        if part.max_meetings is not None or lo:
            hi = math.inf if part.max_meetings is None else float(part.max_meetings)
            rows.append((held[p], float(lo), hi))
    return rows, cols
