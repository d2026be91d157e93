"""CP-SAT model of the (extended) B2B scheduling problem.

Formulation follows the feasibility study of issue 3: boolean x[m,t] on each meeting's allowed slots,
busy[p,t] as the exact sum of a participant's x, the implied constraints "busy slots = meetings" and
"<= group-size * tables busy participants per slot", and a break encoding that counts the slots where a
participant becomes busy again after an idle slot, having met before (one break per idle run).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from missionmatch.scheduling import labels
from missionmatch.scheduling.instance import Instance


@dataclass
class CpsatModel:
    instance: Instance
    model: cp_model.CpModel
    x: list[dict[int, cp_model.IntVar]]  # meeting -> slot -> bool
    placed: list[cp_model.IntVar | int]
    breaks: list[cp_model.LinearExprT]  # per participant
    total_breaks: cp_model.LinearExprT
    scheduled_weight: cp_model.LinearExprT
    # label -> constraints, so that a caller can enable/disable or explain them
    constraints: dict[str, list[cp_model.Constraint]] = field(default_factory=dict)

    def tag(self, label: str, ct: cp_model.Constraint) -> None:
        self.constraints.setdefault(label, []).append(ct)


def build(instance: Instance, fairness: int | None) -> CpsatModel:
    mdl = cp_model.CpModel()
    n_t = instance.n_slots
    x: list[dict[int, cp_model.IntVar]] = []
    placed: list[cp_model.IntVar | int] = []
    for m, mt in enumerate(instance.meetings):
        x.append({t: mdl.new_bool_var(f"x{m}_{t}") for t in instance.allowed_slots(m)})
        if mt.optional:
            pl = mdl.new_bool_var(f"placed{m}")
            mdl.add(sum(x[m].values()) == pl)
            placed.append(pl)
        else:
            placed.append(1)
    cm = CpsatModel(instance, mdl, x, placed, [], 0, 0)
    for m, mt in enumerate(instance.meetings):
        if not mt.optional:
            cm.tag(labels.MANDATORY, mdl.add_exactly_one(x[m].values()))
    _resources(cm)
    busy = _busy(cm)
    _precedences(cm)
    _counts(cm)
    cm.breaks = _breaks(cm, busy)
    cm.total_breaks = sum(cm.breaks)
    cm.scheduled_weight = sum(mt.weight * placed[m] for m, mt in enumerate(instance.meetings) if mt.optional)
    if fairness is not None:
        _fairness(cm, fairness, n_t)
    return cm


def _resources(cm: CpsatModel) -> None:
    inst, mdl, x = cm.instance, cm.model, cm.x
    for t in range(inst.n_slots):
        here = [x[m][t] for m in range(inst.n_meetings) if t in x[m]]
        if len(here) > inst.tables_at(t):
            cm.tag(labels.CAPACITY, mdl.add(sum(here) <= inst.tables_at(t)))
        for pair, counts in inst.interpreters.items():
            need = [x[m][t] for m, mt in enumerate(inst.meetings) if mt.interpreter == pair and t in x[m]]
            if len(need) > counts[t]:
                cm.tag(labels.INTERPRETER, mdl.add(sum(need) <= counts[t]))
    hosts: dict[int, set[int]] = {}
    for p, part in enumerate(inst.participants):
        if part.host_table is not None:
            hosts.setdefault(part.host_table, set()).update(inst.meetings_of[p])
    for ms in hosts.values():
        for t in range(inst.n_slots):
            here = [x[m][t] for m in sorted(ms) if t in x[m]]
            if len(here) > 1:
                cm.tag(labels.HOSTED_TABLE, mdl.add_at_most_one(here))


def _busy(cm: CpsatModel) -> list[list[cp_model.IntVar | int]]:
    """busy[p][t] == number of p's meetings in t (0/1: this is the clash constraint)."""
    inst, mdl, x = cm.instance, cm.model, cm.x
    busy: list[list[cp_model.IntVar | int]] = []
    for p, ms in enumerate(inst.meetings_of):
        row: list[cp_model.IntVar | int] = []
        for t in range(inst.n_slots):
            here = [x[m][t] for m in ms if t in x[m]]
            if not here:
                row.append(0)
                continue
            b = mdl.new_bool_var(f"busy{p}_{t}")
            cm.tag(labels.CLASH, mdl.add(sum(here) == b))
            row.append(b)
        busy.append(row)
        # implied: busy slots = meetings held (redundant, but strengthens propagation)
        mdl.add(sum(row) == sum(cm.placed[m] for m in ms))
    group = max((len(mt.participants) for mt in inst.meetings), default=2)
    for t in range(inst.n_slots):
        col = [busy[p][t] for p in range(inst.n_participants) if not isinstance(busy[p][t], int)]
        if len(col) > group * inst.tables_at(t):
            mdl.add(sum(col) <= group * inst.tables_at(t))  # implied by capacity
        # implied "even count": busy people in a slot = seats taken by its meetings (2 a pair)
        seats = [len(mt.participants) * x[m][t] for m, mt in enumerate(inst.meetings) if t in x[m]]
        if col:
            mdl.add(sum(col) == sum(seats))
    return busy


def _precedences(cm: CpsatModel) -> None:
    inst, mdl, x = cm.instance, cm.model, cm.x
    for m, mt in enumerate(inst.meetings):
        for m2 in mt.after:
            # x[m,t] implies m2 sits in a slot < t (when m2 is held at all)
            for t, v in x[m].items():
                late = [w for t2, w in x[m2].items() if t2 >= t]
                if not late:
                    continue
                ct = mdl.add(sum(late) == 0).only_enforce_if(v)
                cm.tag(labels.PRECEDENCE, ct)


def _counts(cm: CpsatModel) -> None:
    inst, mdl = cm.instance, cm.model
    for p, part in enumerate(inst.participants):
        held = sum(cm.placed[m] for m in inst.meetings_of[p])
        if part.min_meetings:
            cm.tag(labels.MIN_MEETINGS, mdl.add(held >= part.min_meetings))
        if part.max_meetings is not None:
            cm.tag(labels.MAX_MEETINGS, mdl.add(held <= part.max_meetings))


def _breaks(cm: CpsatModel, busy: list[list[cp_model.IntVar | int]]) -> list[cp_model.LinearExprT]:
    inst = cm.instance
    zero = set(inst.trivially_break_free())
    out: list[cp_model.LinearExprT] = []
    for p in range(inst.n_participants):
        ranges = [] if p in zero else inst.session_ranges()
        brk = [k for r in ranges for k in _session_breaks(cm, busy[p], r, p)]
        out.append(sum(brk) if brk else 0)
    return out


def _session_breaks(cm: CpsatModel, row: list[cp_model.IntVar | int], slots: range, p: int) -> list:
    """One literal per slot where p is busy again after an idle slot, having met earlier in the session."""
    mdl = cm.model
    usable = [t for t in slots if not isinstance(row[t], int)]
    if len(usable) < 2 or usable[-1] - usable[0] < 2:
        return []  # no idle slot can lie between two meetings (an unusable one can: a visit)
    seen_prev: cp_model.IntVar | int = row[slots.start]
    brk = []
    for t in slots[1:]:
        b, prev = row[t], row[t - 1]
        # busy rows hold variables or the constant 0, and seen_prev is a constant only when 0
        if not isinstance(b, int) and not isinstance(seen_prev, int):
            k = mdl.new_bool_var(f"brk{p}_{t}")
            lits = [b, seen_prev] + ([] if isinstance(prev, int) else [prev.Not()])
            mdl.add_bool_and(lits).only_enforce_if(k)
            mdl.add_bool_or([k] + [lit.Not() for lit in lits])
            brk.append(k)
        seen_prev = _or(mdl, seen_prev, b, f"seen{p}_{t}")
    return brk


def covered_people(cm: CpsatModel) -> cp_model.LinearExprT:
    """How many people who could meet somebody do meet somebody (the "nobody left out" fairness)."""
    mdl, out = cm.model, []
    for p, ms in enumerate(cm.instance.meetings_of):
        if not ms or any(isinstance(cm.placed[m], int) for m in ms):
            continue  # nothing to place, or a mandatory meeting already covers p
        c = mdl.new_bool_var(f"covered{p}")
        mdl.add(c <= sum(cm.placed[m] for m in ms))
        out.append(c)
    return sum(out) if out else 0


def _or(mdl: cp_model.CpModel, a: cp_model.IntVar | int, b: cp_model.IntVar | int, name: str):
    """Exact s = a OR b (constants folded)."""
    if isinstance(a, int) and isinstance(b, int):
        return int(a or b)
    if isinstance(a, int):
        return 1 if a else b
    if isinstance(b, int):
        return 1 if b else a
    s = mdl.new_bool_var(name)
    mdl.add_bool_or([a, b]).only_enforce_if(s)
    mdl.add_implication(a, s)
    mdl.add_implication(b, s)
    return s


def _fairness(cm: CpsatModel, d: int, n_t: int) -> None:
    """max_p breaks - min_p breaks <= d, min and max over all participants (as in the paper)."""
    inst, mdl = cm.instance, cm.model
    if inst.trivially_break_free():
        lo: cp_model.LinearExprT = 0  # somebody always has 0 breaks
    else:
        lo = mdl.new_int_var(0, n_t, "min_breaks")
    for b in cm.breaks:
        if isinstance(b, int) and b == 0 and isinstance(lo, int):
            continue
        cm.tag(labels.FAIRNESS, mdl.add(b <= lo + d))
        if not isinstance(lo, int):
            mdl.add(b >= lo)
