"""Partial MaxSAT encoding of the benchmark model, solved with PySAT's RC2.

Hard clauses: exactly one slot per meeting, at most one meeting per participant per slot, at most
n_tables per slot, precedences, fairness; soft unit clauses "no break starts at (p, t)", weight 1.
Issue 3 measured RC2 + CaDiCaL 1.9 proving all six hard originals in 8-69 s, so this is the second
engine of the portfolio. Only the benchmark features are encoded (`Instance.is_benchmark_model`), and
fairness only when some participant is break-free in every schedule (then min breaks = 0 and fairness
is "every participant <= d breaks"); all 140 benchmark instances have such a participant.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time
from typing import Any

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool

from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.solution import INFEASIBLE, OPTIMAL, UNKNOWN, Solution, breaks_per_participant


class Unsupported(ValueError):
    """The instance uses a feature this encoding does not cover."""


def supports(instance: Instance, fairness: int | None) -> bool:
    return instance.is_benchmark_model and (fairness is None or bool(instance.trivially_break_free()))


def build_wcnf(
    instance: Instance, fairness: int | None, seat_bound: bool = True
) -> tuple[WCNF, dict[tuple[int, int], int]]:
    """`seat_bound`: add the implied "<= 2 * tables busy people a slot" (helps RC2 on tight instances;
    measured to slow plain SAT calls down, see `sat_ladder`)."""
    if not supports(instance, fairness):
        raise Unsupported("MaxSAT encoding covers the benchmark model only")
    pool = IDPool()
    wcnf = WCNF()
    x = {(m, t): pool.id(("x", m, t)) for m in range(instance.n_meetings) for t in instance.allowed_slots(m)}

    def card(lits: list[int], k: int, equals: bool = False) -> None:
        if equals and len(lits) < k:  # cannot be met (a mandatory meeting with no slot left): unsatisfiable
            v = pool.id(("unsat", len(wcnf.hard)))
            wcnf.extend([[v], [-v]])
            return
        if equals and len(lits) == k:  # PySAT's encoders refuse a bound equal to the number of literals
            wcnf.extend([[lit] for lit in lits])
            return
        if equals:
            enc = CardEnc.equals(lits=lits, bound=k, vpool=pool, encoding=EncType.seqcounter)
        else:
            if len(lits) <= k:
                return
            kind = EncType.pairwise if k == 1 and len(lits) <= 6 else EncType.seqcounter
            enc = CardEnc.atmost(lits=lits, bound=k, vpool=pool, encoding=kind)
        for cl in enc.clauses:
            wcnf.append(cl)

    for m in range(instance.n_meetings):
        card([x[m, t] for t in instance.allowed_slots(m)], 1, equals=True)  # mandatory, one slot
    n_t = instance.n_slots
    for t in range(n_t):
        card([x[m, t] for m in range(instance.n_meetings) if (m, t) in x], instance.n_tables)  # capacity
    for m, mt in enumerate(instance.meetings):
        for m2 in mt.after:  # precedence: m2 strictly before m
            for t in instance.allowed_slots(m):
                for t2 in instance.allowed_slots(m2):
                    if t2 >= t:
                        wcnf.append([-x[m, t], -x[m2, t2]])
    zero = set(instance.trivially_break_free())
    busy_at: list[list[int]] = [[] for _ in range(n_t)]
    for p, ms in enumerate(instance.meetings_of):
        busy: list[int | None] = []
        for t in range(n_t):
            here = [x[m, t] for m in ms if (m, t) in x]
            if not here:
                busy.append(None)
                continue
            b = pool.id(("busy", p, t))
            card(here, 1)  # clash
            wcnf.append([-b, *here])
            for v in here:
                wcnf.append([-v, b])
            busy.append(b)
            busy_at[t].append(b)
        used = [b for b in busy if b is not None]
        if used and len(ms) < len(used):
            card(used, len(ms), equals=True)  # implied: busy slots = meetings
        if p in zero:
            continue
        brk = _breaks(wcnf, pool, p, busy)
        for k in brk:
            wcnf.append([-k], weight=1)
        if fairness is not None and len(brk) > fairness:
            card(brk, fairness)
    for t in range(n_t if seat_bound else 0):  # implied: two people a meeting, <= 2 * tables busy people
        card(busy_at[t], 2 * instance.n_tables)
    return wcnf, x


def _breaks(wcnf: WCNF, pool: IDPool, p: int, busy: list[int | None]) -> list[int]:
    """brk[t] <-> busy[t] and not busy[t-1] and seen[t-1] (p met before): one per idle run."""
    seen: int | None = None
    out = []
    for t, b in enumerate(busy):
        prev = busy[t - 1] if t else None
        if b is not None and seen is not None:
            k = pool.id(("brk", p, t))
            lits = [b, seen] + ([-prev] if prev is not None else [])
            for lit in lits:
                wcnf.append([-k, lit])
            wcnf.append([k] + [-lit for lit in lits])
            out.append(k)
        if b is not None:
            if seen is None:
                seen = b
            else:
                s = pool.id(("seen", p, t))
                wcnf.append([-s, seen, b])
                wcnf.append([-seen, s])
                wcnf.append([-b, s])
                seen = s
    return out


def solve_maxsat(
    instance: Instance, fairness: int | None = 2, sat_solver: str = "cd19", time_limit: float | None = None
) -> Solution:
    """RC2 to completion or, given `time_limit`, in a child process stopped then (status `unknown`).

    A process, not an interrupt: PySAT's CaDiCaL cannot be interrupted, and RC2 has no incumbent to
    report anyway.
    """
    if time_limit is None:
        return _solve_maxsat(instance, fairness, sat_solver)
    start = time.monotonic()
    ctx = mp.get_context("spawn")  # no fork: the parent may hold solver threads
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(instance, fairness, sat_solver, out), daemon=True)
    proc.start()
    try:
        sol: Solution = out.get(timeout=max(0.0, time_limit))
    except queue.Empty:
        sol = Solution(instance.name, UNKNOWN, None, None, engine=f"rc2-{sat_solver}")
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(timeout=5)
    sol.solve_seconds = time.monotonic() - start
    return sol


def _child(instance: Instance, fairness: int | None, sat_solver: str, out: Any) -> None:
    from missionmatch.scheduling.subprocesses import die_with_parent

    die_with_parent()
    out.put(_solve_maxsat(instance, fairness, sat_solver))


def _solve_maxsat(instance: Instance, fairness: int | None, sat_solver: str) -> Solution:
    start = time.monotonic()
    wcnf, x = build_wcnf(instance, fairness)
    with RC2(wcnf, solver=sat_solver) as rc2:
        model = rc2.compute()
    elapsed = time.monotonic() - start
    engine = f"rc2-{sat_solver}"
    if model is None:
        return Solution(instance.name, INFEASIBLE, None, None, elapsed, engine=engine)
    slots = slots_from_model(instance, x, model)
    obj = sum(breaks_per_participant(instance, slots))
    return Solution(instance.name, OPTIMAL, obj, slots, elapsed, bound=obj, engine=engine)


def slots_from_model(instance: Instance, x: dict[tuple[int, int], int], model: list[int]) -> list[int | None]:
    """The slot of every meeting in a satisfying assignment of this encoding."""
    true = {v for v in model if v > 0}
    slots: list[int | None] = [None] * instance.n_meetings
    for (m, t), v in x.items():
        if v in true:
            slots[m] = t
    return slots
