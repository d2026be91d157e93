"""The project's scheduler and a plain RC2 model, one after the other on each instance, in one run.

    .venv/bin/python benchmarks/scheduling/side_by_side.py [--variant original --time-limit 120
        --peer-limit 60 --out-dir /tmp/side-by-side]

Other work shares this 2-core machine, so absolute times move with the load; the ratio to the peer,
measured minutes apart, moves less. Ours: `solve()` in this process (fairness 2, 2 workers), the time of
the call (no interpreter start; the spawned engines' start-up is included). Peer: RC2 with Glucose on the
project's MaxSAT encoding in a child process stopped at `--peer-limit` (its time includes the spawn).
Every answer of ours is judged by the referee (`../shared/tools/check_schedule.py`, best-known CSV).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from missionmatch.scheduling import load_instance, solve
from missionmatch.scheduling.io import write_solution
from missionmatch.scheduling.maxsat_model import solve_maxsat

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "benchmarks" / "b2b-jair2022"
REFEREE = ROOT.parent / "shared" / "tools" / "check_schedule.py"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", default="original")
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--peer-limit", type=float, default=60.0)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--out-dir", type=Path, default=Path("/tmp/side-by-side"))
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with open(BENCH / "best_known.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["variant"] == args.variant and r["fairness_d"] == "2"]
    print(f"load (1 min) before: {os.getloadavg()[0]:.2f}")
    print("| instance | best known | published s | ours | ours s | engine | x published | peer | peer s |")
    print("|---|---|---|---|---|---|---|---|---|")
    ratios, wins = [], 0
    for r in rows:
        path = BENCH / "instances" / args.variant / f"{r['instance']}.{args.variant}.json"
        inst = load_instance(path)
        t0 = time.monotonic()
        sol = solve(inst, 2, args.time_limit, 2)
        ours = time.monotonic() - t0
        out = args.out_dir / f"{path.stem}.solution.json"
        write_solution(sol, out)
        ref = subprocess.run(
            [
                sys.executable,
                str(REFEREE),
                str(path),
                str(out),
                "--fairness",
                "2",
                "--best-known",
                str(BENCH / "best_known.csv"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        verdict = "" if ref.returncode == 0 else " INVALID"
        peer, peer_s = "-", 0.0
        if not args.no_peer:
            t0 = time.monotonic()
            other = solve_maxsat(inst, 2, "g3", time_limit=args.peer_limit)
            peer_s = time.monotonic() - t0
            peer = f"{other.status} {other.objective}"
        published = float(r["time_s"])
        ratio = ours / published
        ratios.append(ratio)
        wins += ours <= published
        known = f"{r['status']} {r['objective']}".strip()
        print(
            f"| {r['instance']} | {known} | {published:g} | {sol.status} {sol.objective}{verdict} | "
            f"{ours:.2f} | {sol.engine} | {ratio:.2f} | {peer} | {peer_s:.2f} |",
            flush=True,
        )
    print(
        f"at or under the published time: {wins} of {len(rows)}; median ratio {statistics.median(ratios):.2f}"
    )
    print(f"load (1 min) after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
