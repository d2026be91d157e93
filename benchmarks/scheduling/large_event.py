"""Large-event benchmark (issue 3, "Scale"): generate a realistic large mission, schedule, check, report.

    .venv/bin/python benchmarks/scheduling/large_event.py [--delegates 1000 --hosts 2000 --requests 15000
        --slots 16 --tables 300 --seed 1 --time-limit 100 --out /tmp/large-event.json]

The generator is deterministic for a seed. Two sides: a visiting delegation and local host companies.
Requests follow a heavy-tailed popularity (a few hosts are asked by very many delegates, some delegates ask
a lot), with the weights the service gives them (`services/scheduling_candidates.py`: mutual request
40 + priority, one-sided 10 + priority, matcher suggestion 1). Availability: delegates arrive late or leave
early, delegation sub-groups leave for a site visit, hosts come only for the morning or the afternoon or
step out for a slot or two. A few meetings have three people (two colleagues of the delegation with one
host); some need an interpreter, with a per-slot interpreter count; some participants cap their meetings;
the most popular hosts keep their own table (hosted tables). 16 slots split morning / afternoon.

The report: meetings and weight placed, the upper bounds (see `missionmatch.scheduling.bounds`), the ratio,
breaks, wall time and peak RSS, and whether the project's `check()` accepts the schedule.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from missionmatch.scheduling import Instance, Meeting, Participant, check
from missionmatch.scheduling.instance import AFTERNOON, MORNING
from missionmatch.scheduling.io import instance_to_dict

SUGGESTED, ONE_SIDED, MUTUAL = 1, 10, 40  # as in services/scheduling_candidates.py (+ priority 1-3)


@dataclass(frozen=True)
class Spec:
    delegates: int = 1000
    hosts: int = 2000
    requests: int = 15000
    slots: int = 16
    tables: int = 300
    seed: int = 1
    mutual_share: float = 0.15
    suggested_share: float = 0.20
    group_share: float = 0.01  # three-person meetings
    interpreter_share: float = 0.08  # meetings needing an interpreter
    hosted_tables: int = 100  # the most asked-for hosts keep their own table
    # what the service sends for a real mission: morning and afternoon as two B2B sessions (no break
    # counted across lunch), fewer tables in the afternoon, and "give everybody a meeting first"
    afternoon_tables: int | None = None
    cover_everyone: bool = False

    @property
    def morning(self) -> int:
        return self.slots // 2


def generate(spec: Spec) -> Instance:
    rng = random.Random(spec.seed)
    n_d, n_h, n_t = spec.delegates, spec.hosts, spec.slots
    activity = [rng.lognormvariate(0, 0.6) for _ in range(n_d)]
    popularity = [rng.paretovariate(1.3) for _ in range(n_h)]
    pairs = _pairs(rng, spec, activity, popularity)
    meetings = [_meeting(rng, spec, d, n_d + h, i) for i, (d, h) in enumerate(pairs)]
    participants = [_delegate(rng, spec) for _ in range(n_d)]
    participants += _hosts(rng, spec, popularity)
    fr_ja = max(1, spec.tables // 30)  # fewer interpreters in the slots next to lunch
    interpreters = {
        "fr-ja": tuple(
            max(1, 2 * fr_ja // 3) if t in (spec.morning - 1, spec.morning) else fr_ja for t in range(n_t)
        ),
        "de-ja": tuple(max(1, spec.tables // 100) for _ in range(n_t)),
    }
    per_slot, starts = None, ()
    if spec.afternoon_tables is not None:
        per_slot = (spec.tables,) * spec.morning + (spec.afternoon_tables,) * (n_t - spec.morning)
        starts = (spec.morning,)
    return Instance(
        f"large-{n_d}x{n_h}-{spec.requests}-s{spec.seed}",
        n_t,
        spec.tables,
        tuple(participants),
        tuple(meetings),
        spec.morning,
        interpreters,
        per_slot,
        starts,
        spec.cover_everyone,
    )


def _pairs(
    rng: random.Random, spec: Spec, activity: list[float], popularity: list[float]
) -> list[tuple[int, int]]:
    cum_d = _cumulative(activity)
    cum_h = _cumulative(popularity)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, int]] = []
    limit = min(spec.requests, spec.delegates * spec.hosts)
    while len(out) < limit:
        d = rng.choices(range(spec.delegates), cum_weights=cum_d)[0]
        h = rng.choices(range(spec.hosts), cum_weights=cum_h)[0]
        if (d, h) not in seen:
            seen.add((d, h))
            out.append((d, h))
    return out


def _cumulative(xs: list[float]) -> list[float]:
    out, s = [], 0.0
    for x in xs:
        s += x
        out.append(s)
    return out


def _meeting(rng: random.Random, spec: Spec, d: int, h: int, i: int) -> Meeting:
    r = rng.random()
    priority = rng.choices((1, 2, 3), weights=(5, 3, 2))[0]
    if r < spec.mutual_share:
        weight = MUTUAL + priority
    elif r < spec.mutual_share + spec.suggested_share:
        weight = SUGGESTED
    else:
        weight = ONE_SIDED + priority
    people: tuple[int, ...] = (d, h)
    if rng.random() < spec.group_share:
        colleague = (d + 1 + rng.randrange(spec.delegates - 1)) % spec.delegates
        people = (d, colleague, h)
    interpreter = None
    if rng.random() < spec.interpreter_share:
        interpreter = "fr-ja" if rng.random() < 0.8 else "de-ja"
    session = None
    if rng.random() < 0.03:
        session = MORNING if rng.random() < 0.5 else AFTERNOON
    return Meeting(
        people, session=session, optional=True, weight=weight, interpreter=interpreter, key=f"r{i}"
    )


def _delegate(rng: random.Random, spec: Spec) -> Participant:
    n_t, forbidden = spec.slots, set()
    r = rng.random()
    if r < 0.08:  # arrives late
        forbidden |= set(range(rng.randint(2, spec.morning)))
    elif r < 0.16:  # leaves early
        forbidden |= set(range(n_t - rng.randint(2, spec.morning), n_t))
    if rng.random() < 0.25:  # site visit or plenary programme item
        start = rng.randrange(n_t - 1)
        forbidden |= set(range(start, min(n_t, start + rng.randint(2, 4))))
    cap = rng.randint(6, 12) if rng.random() < 0.2 else None
    return Participant(frozenset(forbidden), max_meetings=cap)


def _hosts(rng: random.Random, spec: Spec, popularity: list[float]) -> list[Participant]:
    n_t = spec.slots
    top = set(sorted(range(spec.hosts), key=lambda h: -popularity[h])[: min(spec.hosted_tables, spec.tables)])
    tables = iter(range(spec.tables))
    out = []
    for h in range(spec.hosts):
        forbidden: set[int] = set()
        r = rng.random()
        if r < 0.08:
            forbidden |= set(range(spec.morning, n_t))  # morning only
        elif r < 0.16:
            forbidden |= set(range(spec.morning))  # afternoon only
        elif r < 0.26:
            start = rng.randrange(n_t)
            forbidden |= set(range(start, min(n_t, start + rng.randint(1, 2))))
        cap = rng.randint(4, 10) if rng.random() < 0.3 else None
        out.append(
            Participant(frozenset(forbidden), max_meetings=cap, host_table=next(tables) if h in top else None)
        )
    return out


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--delegates", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=15000)
    ap.add_argument("--slots", type=int, default=16)
    ap.add_argument("--tables", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=90.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--fairness", type=int, default=None)
    ap.add_argument(
        "--afternoon-tables",
        type=int,
        default=None,
        help="two B2B sessions (morning, afternoon), this many tables in the afternoon",
    )
    ap.add_argument(
        "--cover-everyone", action="store_true", help="a meeting for everybody first (as the service asks)"
    )
    ap.add_argument("--no-lp", action="store_true", help="skip the LP bound (counting bound only)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/large-event.json"))
    args = ap.parse_args()
    from missionmatch.scheduling.bounds import counting_bound, lp_bound
    from missionmatch.scheduling.large import solve_large

    spec = Spec(
        args.delegates,
        args.hosts,
        args.requests,
        args.slots,
        args.tables,
        args.seed,
        afternoon_tables=args.afternoon_tables,
        cover_everyone=args.cover_everyone,
    )
    t0 = time.monotonic()
    inst = generate(spec)
    args.out.write_text(json.dumps(instance_to_dict(inst)) + "\n", encoding="utf-8")
    _say(
        f"instance {inst.name}: {inst.n_participants} participants, {inst.n_meetings} meetings, "
        f"{inst.n_slots} slots, {inst.n_tables} tables -> {args.out} ({time.monotonic() - t0:.1f}s)"
    )
    load_before = os.getloadavg()
    t1 = time.monotonic()
    sol = solve_large(inst, args.fairness, args.time_limit, args.workers, progress=_progress)
    wall = time.monotonic() - t1
    load_after = os.getloadavg()
    errors = check(inst, sol, args.fairness)
    slots = sol.meeting_slots or [None] * inst.n_meetings
    placed = sum(1 for t in slots if t is not None)
    covered = sum(1 for ms in inst.meetings_of if any(slots[m] is not None for m in ms))
    _say(f"people with a meeting: {covered} of {sum(1 for ms in inst.meetings_of if ms)} with a request")
    _say(
        f"solve: {sol.status}, {placed} meetings placed, weight {sol.scheduled_weight}, breaks "
        f"{sol.objective}, {wall:.1f}s wall, peak RSS {peak_rss_mib():.0f} MiB, "
        f"check(): {'VALID' if not errors else errors[:3]}"
    )
    bound = counting_bound(inst)
    _say(f"counting bound: {bound.meetings} meetings, weight {bound.weight}")
    if not args.no_lp:
        t2 = time.monotonic()
        asked = frozenset(p for p, ms in enumerate(inst.meetings_of) if ms)
        everyone = inst.cover_everyone and covered == len(asked)
        lp = lp_bound(inst, cover=asked if everyone else frozenset())
        _say(f"{lp.method} bound (certified): weight {lp.weight} ({time.monotonic() - t2:.1f}s)")
        bound = lp if lp.weight < bound.weight else bound
    _say(
        f"ratio: weight {100 * (sol.scheduled_weight or 0) / bound.weight:.2f}% of the {bound.method} bound "
        f"{bound.weight}; meetings {placed} of at most {bound.meetings} "
        f"({100 * placed / max(1, bound.meetings):.2f}%)"
    )
    _say(
        f"load average (1, 5, 15 min) before {load_before}, after {load_after}; "
        f"peak RSS {peak_rss_mib():.0f} MiB (bound included)"
    )
    return 0 if not errors else 1


def _say(msg: str) -> None:
    print(msg, flush=True)


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
