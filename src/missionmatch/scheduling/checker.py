"""Independent checker: recomputes everything from the instance, shares no code with the models.

Each violation is a human-readable string starting with its constraint label in brackets, the same
labels the models use (see `labels.py`), so a report reads like "[clash] participant 4 ...".
"""

from __future__ import annotations

from collections import Counter, defaultdict

from missionmatch.scheduling.instance import AFTERNOON, MORNING, Instance
from missionmatch.scheduling.solution import INFEASIBLE, Solution


def check(instance: Instance, solution: Solution, fairness: int | None = None) -> list[str]:
    if solution.meeting_slots is None:
        if solution.status in ("optimal", "feasible"):
            return [f"[status] status {solution.status} without a schedule"]
        return []
    if solution.status == INFEASIBLE:
        return ["[status] status infeasible with a schedule"]
    slots = solution.meeting_slots
    if len(slots) != instance.n_meetings:
        return [f"[length] {len(slots)} slots given for {instance.n_meetings} meetings"]
    out: list[str] = []
    out += _placement(instance, slots)
    out += _resources(instance, slots, solution.tables)
    out += _counts(instance, slots)
    if out:
        return out  # breaks of an invalid schedule mean little
    breaks = count_breaks(instance, slots)
    if solution.objective is not None and solution.objective != sum(breaks):
        out.append(f"[objective] claimed {solution.objective} breaks, recomputed {sum(breaks)}")
    if fairness is not None and breaks and max(breaks) - min(breaks) > fairness:
        hi, lo = breaks.index(max(breaks)), breaks.index(min(breaks))
        out.append(
            f"[fairness] participant {hi} has {breaks[hi]} breaks, participant {lo} has {breaks[lo]}: "
            f"spread {breaks[hi] - breaks[lo]} > d={fairness}"
        )
    return out


def count_breaks(inst: Instance, slots: list[int | None]) -> list[int]:
    """Breaks per participant, counted here by walking each session slot by slot (the engines report
    theirs with `solution.breaks_per_participant`; two counts written apart can catch each other out):
    a break is a meeting that follows an idle slot after an earlier meeting of the same session."""
    busy: set[tuple[int, int]] = set()
    for m, t in enumerate(slots):
        if t is not None:
            busy.update((p, t) for p in inst.meetings[m].participants)
    starts = {0, *(s for s in inst.session_starts if 0 < s < inst.n_slots)}
    out = []
    for p in range(inst.n_participants):
        n, met, idle = 0, False, False
        for t in range(inst.n_slots):
            if t in starts:
                met, idle = False, False
            if (p, t) in busy:
                n += met and idle
                met, idle = True, False
            else:
                idle = True
        out.append(n)
    return out


def _placement(inst: Instance, slots: list[int | None]) -> list[str]:
    out = []
    split = inst.n_slots if inst.n_morning_slots is None else inst.n_morning_slots
    for m, (mt, t) in enumerate(zip(inst.meetings, slots, strict=True)):
        if t is None:
            if not mt.optional:
                out.append(f"[mandatory] meeting {m} {mt.participants} is mandatory but not placed")
            continue
        if not 0 <= t < inst.n_slots:
            out.append(f"[slot-range] meeting {m} in slot {t} outside [0, {inst.n_slots})")
            continue
        if (mt.session == MORNING and t >= split) or (mt.session == AFTERNOON and t < split):
            out.append(f"[session] meeting {m} is {mt.session} but placed in slot {t}")
        for p in mt.participants:
            if t in inst.participants[p].forbidden:
                out.append(f"[availability] meeting {m} in slot {t}, when participant {p} is unavailable")
        if inst.seats_per_slot is not None and len(mt.participants) > inst.seats_per_slot[t]:
            out.append(
                f"[seats] meeting {m} has {len(mt.participants)} attendees in slot {t}, "
                f"where a table seats {inst.seats_per_slot[t]}"
            )
        if mt.window is not None and t not in mt.window:
            out.append(f"[window] meeting {m} in slot {t}, outside its slots {sorted(mt.window)}")
        if mt.fixed_slot is not None and t != mt.fixed_slot:
            out.append(f"[fixed] meeting {m} fixed to slot {mt.fixed_slot} but in slot {t}")
        for m2 in mt.after:
            t2 = slots[m2]
            if t2 is not None and not t2 < t:
                out.append(
                    f"[precedence] meeting {m2} (slot {t2}) must be strictly before meeting {m} (slot {t})"
                )
    return out


def _resources(inst: Instance, slots: list[int | None], tables: list[int | None] | None) -> list[str]:
    out = []
    at: dict[tuple[int, int], list[int]] = defaultdict(list)
    per_slot: Counter[int] = Counter()
    interp: Counter[tuple[str, int]] = Counter()
    for m, t in enumerate(slots):
        if t is None or not 0 <= t < inst.n_slots:
            continue
        per_slot[t] += 1
        for p in inst.meetings[m].participants:
            at[(p, t)].append(m)
        pair = inst.meetings[m].interpreter
        if pair is not None:
            interp[(pair, t)] += 1
    for (p, t), ms in sorted(at.items()):
        if len(ms) > 1:
            out.append(f"[clash] participant {p} has {len(ms)} meetings in slot {t}: {ms}")
    for t, n in sorted(per_slot.items()):
        if n > inst.tables_at(t):
            out.append(f"[capacity] slot {t} holds {n} meetings > {inst.tables_at(t)} tables")
    for (pair, t), n in sorted(interp.items()):
        have = inst.interpreters.get(pair, (0,) * inst.n_slots)[t]
        if n > have:
            out.append(f"[interpreter] slot {t} needs {n} {pair} interpreters, {have} available")
    if tables is not None:
        out += _tables(inst, slots, tables)
    return out


def _tables(inst: Instance, slots: list[int | None], tables: list[int | None]) -> list[str]:
    out = []
    used: dict[tuple[int, int], int] = {}
    for m, (t, h) in enumerate(zip(slots, tables, strict=True)):
        if t is None:
            continue
        if h is None or not 0 <= h < inst.tables_at(t):
            out.append(f"[table] meeting {m} has no valid table ({h!r})")
            continue
        if (t, h) in used:
            out.append(f"[table] meetings {used[(t, h)]} and {m} share table {h} in slot {t}")
        used[(t, h)] = m
        hosts = {
            host
            for p in inst.meetings[m].participants
            if (host := inst.participants[p].host_table) is not None
        }
        if hosts and h not in hosts:
            out.append(f"[hosted-table] meeting {m} is at table {h}, not at its host's table {sorted(hosts)}")
    return out


def _counts(inst: Instance, slots: list[int | None]) -> list[str]:
    out = []
    for p, part in enumerate(inst.participants):
        n = sum(1 for m in inst.meetings_of[p] if slots[m] is not None)
        if n < part.min_meetings:
            out.append(f"[min-meetings] participant {p} has {n} meetings < minimum {part.min_meetings}")
        if part.max_meetings is not None and n > part.max_meetings:
            out.append(f"[max-meetings] participant {p} has {n} meetings > maximum {part.max_meetings}")
    return out
