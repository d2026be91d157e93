"""Why was a meeting not placed (or why not in another slot): name the labelled constraint per slot."""

from __future__ import annotations

from collections import Counter

from missionmatch.scheduling import labels
from missionmatch.scheduling.instance import AFTERNOON, MORNING, Instance


def blocking_reasons(instance: Instance, slots: list[int | None], m: int) -> dict[int, list[str]]:
    """For each slot, the constraints that forbid moving meeting m there with everything else fixed.

    An empty list means the slot was free for it: then the meeting was left out (or put elsewhere) for
    the objective (breaks, fairness or a higher-priority meeting), not for a hard constraint.
    """
    mt = instance.meetings[m]
    split = instance.n_slots if instance.n_morning_slots is None else instance.n_morning_slots
    load = Counter(t for i, t in enumerate(slots) if t is not None and i != m)
    out: dict[int, list[str]] = {}
    for t in range(instance.n_slots):
        why = []
        if (mt.session == MORNING and t >= split) or (mt.session == AFTERNOON and t < split):
            why.append(f"{labels.SESSION}: meeting is {mt.session}")
        if mt.window is not None and t not in mt.window:
            why.append(f"{labels.WINDOW}: only in slots {min(mt.window)}-{max(mt.window)}")
        if mt.fixed_slot is not None and mt.fixed_slot != t:
            why.append(f"{labels.FIXED}: pinned to slot {mt.fixed_slot}")
        for p in mt.participants:
            if t in instance.participants[p].forbidden:
                why.append(f"{labels.AVAILABILITY}: participant {p} unavailable")
            busy = [i for i in instance.meetings_of[p] if i != m and slots[i] == t]
            if busy:
                why.append(f"{labels.CLASH}: participant {p} already in meeting {busy[0]}")
        if not instance.seats_meeting(m, t):
            seats = instance.seats_per_slot[t] if instance.seats_per_slot else 0
            why.append(f"{labels.SEATS}: {len(mt.participants)} attendees, tables seat {seats}")
        if load[t] >= instance.tables_at(t):
            why.append(f"{labels.CAPACITY}: all {instance.tables_at(t)} tables taken")
        if mt.interpreter is not None:
            used = sum(
                1
                for i, x in enumerate(instance.meetings)
                if i != m and x.interpreter == mt.interpreter and slots[i] == t
            )
            if used >= instance.interpreters.get(mt.interpreter, (0,) * instance.n_slots)[t]:
                why.append(f"{labels.INTERPRETER}: no {mt.interpreter} interpreter left")
        for m2 in mt.after:
            t2 = slots[m2]
            if t2 is not None and t2 >= t:
                why.append(f"{labels.PRECEDENCE}: meeting {m2} (slot {t2}) must come first")
        for m2, x in enumerate(instance.meetings):
            t2 = slots[m2]
            if m in x.after and t2 is not None and t2 <= t:
                why.append(f"{labels.PRECEDENCE}: must come before meeting {m2} (slot {t2})")
        out[t] = why
    return out
