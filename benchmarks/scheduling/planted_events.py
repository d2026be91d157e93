"""Large mandatory events with a planted break-free schedule (issue 12): does the solver find it in time?

    .venv/bin/python benchmarks/scheduling/planted_events.py [--count 8 --time-limit 120 --workers 2
        --out-dir /tmp/planted --seed 1]

Each instance is in the benchmark's own format (every meeting mandatory, two people, no forbidden slots),
300-600 participants, 1,200-3,000 meetings, 14-16 slots. It is built from a schedule: every participant is
given one run of consecutive slots, the people busy in a slot are paired into meetings never paired before,
and the tables are the busiest slot's meeting count. So a schedule with 0 breaks exists (and 0 is a lower
bound): the planted objective is 0. Each instance is solved by `missionmatch solve` (a fresh process, as an
organiser would run it), its answer judged by the referee `../shared/tools/check_schedule.py`; the report
says per instance the time to the planted objective (or what was reached) and the count that reached it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.io import instance_to_dict

REPO = Path(__file__).resolve().parents[2]
REFEREE = REPO.parent / "shared" / "tools" / "check_schedule.py"
# (participants, meetings, slots) for the default series: the corners and the middle of the range
SERIES = [
    (300, 1500, 16),
    (300, 1200, 14),
    (400, 2000, 16),
    (450, 2200, 15),
    (500, 2500, 16),
    (600, 3000, 16),
    (600, 1200, 14),
    (600, 3000, 14),
]


def planted(
    n_people: int, n_meetings: int, n_slots: int, seed: int, slack: float = 0.05
) -> tuple[Instance, list[int]]:
    """An instance of about `n_meetings` meetings and the break-free schedule it was built from."""
    rng = random.Random(seed)
    per_slot = round(n_meetings / n_slots)
    rows = 2 * per_slot  # each row of slots is cut into runs, one per participant: 2 * per_slot busy a slot
    if not rows <= n_people <= rows * n_slots:
        raise ValueError(f"{n_people} participants cannot fill {rows} rows of {n_slots} slots")
    cuts = [0] * rows
    for r in rng.sample(range(rows * (n_slots - 1)), n_people - rows):
        cuts[r // (n_slots - 1)] += 1
    runs = []
    for n_cuts in cuts:
        edges = [0, *sorted(rng.sample(range(1, n_slots), n_cuts)), n_slots]
        runs += [[a, b - 1] for a, b in itertools.pairwise(edges)]
    rng.shuffle(runs)
    pairs: set[tuple[int, int]] = set()
    meetings: list[tuple[int, int]] = []
    slots: list[int] = []
    for t in range(n_slots):
        busy = [p for p, (a, b) in enumerate(runs) if a <= t <= b]
        for _ in range(1000):
            rng.shuffle(busy)
            here = [(min(a, b), max(a, b)) for a, b in zip(busy[::2], busy[1::2], strict=True)]
            if not pairs & set(here):
                break
        else:
            raise ValueError(f"seed {seed}: no pairing of slot {t} without a repeated pair")
        pairs.update(here)
        meetings += here
        slots += [t] * len(here)
    order = list(range(len(meetings)))
    rng.shuffle(order)  # no hint in the meeting order
    tables = math.ceil(per_slot * (1 + slack))  # the planted schedule takes per_slot tables in every slot
    name = f"planted-{n_people}p-{len(meetings)}m-{n_slots}s-{seed}"
    people = tuple(Participant() for _ in range(n_people))
    inst = Instance(name, n_slots, tables, people, tuple(Meeting(meetings[i]) for i in order))
    return inst, [slots[i] for i in order]


def breaks_of(inst: Instance, slots: list[int]) -> int:
    """Idle runs inside each participant's day, counted here (the benchmark has no sessions)."""
    total = 0
    for ms in inst.meetings_of:
        ts = sorted(slots[m] for m in ms)
        total += sum(1 for a, b in itertools.pairwise(ts) if b > a + 1)
    return total


def run(count: int, time_limit: float, workers: int, out_dir: Path, seed: int) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    reached = 0
    load_before = os.getloadavg()[0]
    print(f"load (1 min) before: {load_before:.2f}")
    print("| instance | participants | meetings | slots | tables | status | breaks | seconds | referee |")
    print("|---|---|---|---|---|---|---|---|---|")
    for i, (n_p, n_m, n_t) in enumerate(SERIES[:count]):
        inst, plant = planted(n_p, n_m, n_t, seed + i)
        assert breaks_of(inst, plant) == 0
        path = out_dir / f"{inst.name}.json"
        planted_fields = {"planted_objective": 0, "planted_fairness_spread": 0, "planted_is_optimal": True}
        path.write_text(json.dumps(instance_to_dict(inst) | planted_fields))
        sol_path = out_dir / f"{inst.name}.solution.json"
        cmd = [sys.executable, "-m", "missionmatch.cli", "solve", str(path), "--out", str(sol_path)]
        cmd += ["--time-limit", str(time_limit), "--workers", str(workers), "--fairness", "2"]
        start = time.monotonic()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - start
        if done.returncode or not sol_path.exists():
            print(
                f"| {inst.name} | {n_p} | {inst.n_meetings} | {n_t} | {inst.n_tables} | error | - | "
                f"{seconds:.1f} | {done.stderr.strip().splitlines()[-1:]} |"
            )
            continue
        sol = json.loads(sol_path.read_text())
        referee = subprocess.run(
            [sys.executable, str(REFEREE), str(path), str(sol_path), "--fairness", "2"],
            capture_output=True,
            text=True,
            check=False,
        )
        verdict = "valid" if referee.returncode == 0 else referee.stdout.strip()[:80]
        reached += sol["objective"] == 0 and referee.returncode == 0
        print(
            f"| {inst.name} | {n_p} | {inst.n_meetings} | {n_t} | {inst.n_tables} | {sol['status']} | "
            f"{sol['objective']} | {seconds:.1f} | {verdict} |"
        )
    print(f"reached the planted objective: {reached} of {min(count, len(SERIES))}")
    print(f"load (1 min) after: {os.getloadavg()[0]:.2f}")
    return reached


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=len(SERIES))
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out-dir", type=Path, default=Path("/tmp/planted"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    run(args.count, args.time_limit, args.workers, args.out_dir, args.seed)


if __name__ == "__main__":
    main()
