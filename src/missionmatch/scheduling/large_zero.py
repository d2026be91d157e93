"""A break-free schedule of a large all-mandatory event, as one SAT call (Kissat), beside the heuristics.

With 0 breaks every participant's meetings fill one run of consecutive slots, so the problem becomes: a
start slot for each participant (its run is as long as its meetings), one slot per meeting inside both
people's runs, at most one meeting a person a slot, at most 2 * tables people busy a slot (two a meeting),
precedences.
Measured on a planted event of 300 participants, 1,504 meetings, 16 slots, 99 tables (2 cores, load 6):
the heuristics' rounds and CP-SAT neighbourhoods were at 117 breaks after 57 s, CP-SAT on this model
found nothing in 60 s, Kissat found the break-free schedule in 52 s. A found schedule is optimal (0 is a
lower bound); "unsatisfiable" proves at least one break. Only the benchmark's features are encoded.

Kissat cannot be interrupted, so `solve_large` runs this in a child process it stops when done.
"""

from __future__ import annotations

import queue
from typing import Any

from pysat.card import CardEnc, EncType
from pysat.formula import IDPool
from pysat.solvers import Solver

from missionmatch.scheduling.instance import Instance

SAT_SOLVER = "kissat404"


def applies(inst: Instance) -> bool:
    """The benchmark's model (every meeting mandatory, two people), where the encoding is exact."""
    return inst.is_benchmark_model and all(len(mt.participants) == 2 for mt in inst.meetings)


def zero_break_clauses(inst: Instance) -> tuple[list[list[int]], dict[tuple[int, int], int]]:
    pool = IDPool()
    clauses: list[list[int]] = []
    n_t = inst.n_slots
    x = {(m, t): pool.id(("x", m, t)) for m in range(inst.n_meetings) for t in inst.allowed_slots(m)}
    for m in range(inst.n_meetings):
        lits = [x[m, t] for t in inst.allowed_slots(m)]
        clauses.append(lits)
        clauses += CardEnc.atmost(lits, 1, vpool=pool, encoding=EncType.pairwise).clauses
    for m, mt in enumerate(inst.meetings):  # precedences: m2 strictly before m
        for m2 in mt.after:
            for t in inst.allowed_slots(m):
                clauses += [[-x[m, t], -x[m2, t2]] for t2 in inst.allowed_slots(m2) if t2 >= t]
    busy_at: list[list[int]] = [[] for _ in range(n_t)]
    for p, ms in enumerate(inst.meetings_of):
        k = len(ms)
        if not k:
            continue
        if k > n_t:
            return [[]], x  # more meetings than slots: unsatisfiable (the empty clause)
        starts = [pool.id(("start", p, a)) for a in range(n_t - k + 1)]
        clauses.append(starts)
        clauses += CardEnc.atmost(starts, 1, vpool=pool, encoding=EncType.seqcounter).clauses
        for t in range(n_t):
            here = [x[m, t] for m in ms if (m, t) in x]
            cover = [s for a, s in enumerate(starts) if a <= t < a + k]
            busy = pool.id(("busy", p, t))
            busy_at[t].append(busy)
            # busy <-> the run covers t <-> one of p's meetings is in t
            clauses.append([-busy, *cover])
            clauses += [[busy, -c] for c in cover]
            clauses.append([-busy, *here])
            clauses += [[busy, -h] for h in here]
            clauses += CardEnc.atmost(here, 1, vpool=pool, encoding=EncType.seqcounter).clauses
    for t in range(n_t):
        if len(busy_at[t]) > 2 * inst.tables_at(t):
            card = CardEnc.atmost(busy_at[t], 2 * inst.tables_at(t), vpool=pool, encoding=EncType.totalizer)
            clauses += card.clauses
    return clauses, x


def zero_break_schedule(inst: Instance) -> list[int | None] | None:
    """A break-free schedule, or None when there is none (proven)."""
    clauses, x = zero_break_clauses(inst)
    with Solver(name=SAT_SOLVER, bootstrap_with=clauses) as sat:
        if not sat.solve():
            return None
        true = {v for v in sat.get_model() or [] if v > 0}
    slots: list[int | None] = [None] * inst.n_meetings
    for (m, t), v in x.items():
        if v in true:
            slots[m] = t
    return slots


def child(inst: Instance, out: Any) -> None:
    from missionmatch.scheduling.subprocesses import die_with_parent

    die_with_parent()
    out.put(zero_break_schedule(inst))


class ZeroBreakSearch:
    """The SAT call in a child process; `poll` says what it found so far (never waits)."""

    def __init__(self, inst: Instance) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("spawn")  # no fork: the parent holds CP-SAT threads
        self._out = ctx.Queue()
        self._proc = ctx.Process(target=child, args=(inst, self._out), daemon=True)
        self._proc.start()
        self.done = False
        self.slots: list[int | None] | None = None  # the break-free schedule, once found

    def poll(self) -> bool:
        """True once the search has ended (found, or proved there is none)."""
        if not self.done:
            try:
                self.slots = self._out.get_nowait()
                self.done = True
            except queue.Empty:
                pass
        return self.done

    def stop(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(timeout=5)
