"""The project's scheduler and a plain RC2 model, one after the other on each instance, in one run.

    .venv/bin/python benchmarks/scheduling/side_by_side.py [--variant original --time-limit 120
        --peer-limit 60 --repeat 2 --only forum-13,tic-12 --out-dir /tmp/side-by-side]

Other work shares this 2-core machine, so absolute times move with the load; the ratio to the peer,
measured minutes apart, moves less. Ours: `solve()` in this process (fairness 2, 2 workers), the time of
the call (no interpreter start; the spawned engines' start-up is included). Peer: RC2 with Glucose on the
project's MaxSAT encoding in a child process stopped at `--peer-limit` (its time includes the spawn).
Every answer of ours is judged by the referee (`../shared/tools/check_schedule.py`, best-known CSV).
With `--repeat N` every instance is run N times in a row, the peer first on odd rounds (so neither side
always runs on a machine the other just warmed or loaded), and a summary gives the median of each side.
The solver modules are imported before the first timing (a job worker imports them once).
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

from missionmatch.scheduling import Instance, Solution, load_instance, solve
from missionmatch.scheduling.io import write_solution
from missionmatch.scheduling.maxsat_model import solve_maxsat

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "benchmarks" / "b2b-jair2022"
HEAD = (
    "| instance | round | best known | published s | ours | ours s | engine | x published | peer | peer s |"
)
BEST = BENCH / "best_known.csv"
REFEREE = ROOT.parent / "shared" / "tools" / "check_schedule.py"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", default="original")
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--peer-limit", type=float, default=60.0)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated instance names (default: all)")
    ap.add_argument("--out-dir", type=Path, default=Path("/tmp/side-by-side"))
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with open(BENCH / "best_known.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["variant"] == args.variant and r["fairness_d"] == "2"]
    if args.only:
        rows = [r for r in rows if r["instance"] in args.only.split(",")]
    import missionmatch.scheduling.portfolio  # noqa: F401  (imported once, as by a worker)

    print(f"load (1 min) before: {os.getloadavg()[0]:.2f}")
    print(HEAD)
    print("|---|---|---|---|---|---|---|---|---|---|")
    times: dict[str, list[float]] = {}
    peers: dict[str, list[float]] = {}
    for r in rows:
        for round_ in range(args.repeat):
            path = BENCH / "instances" / args.variant / f"{r['instance']}.{args.variant}.json"
            inst = load_instance(path)
            peer, peer_s = "-", 0.0
            if not args.no_peer and round_ % 2 == 1:
                peer, peer_s = _peer(inst, args.peer_limit)
            t0 = time.monotonic()
            sol = solve(inst, 2, args.time_limit, 2)
            ours = time.monotonic() - t0
            if not args.no_peer and round_ % 2 == 0:
                peer, peer_s = _peer(inst, args.peer_limit)
            verdict = _referee(path, sol, args.out_dir)
            published = float(r["time_s"])
            times.setdefault(r["instance"], []).append(ours)
            peers.setdefault(r["instance"], []).append(peer_s)
            known = f"{r['status']} {r['objective']}".strip()
            print(
                f"| {r['instance']} | {round_ + 1} | {known} | {published:g} | {sol.status} {sol.objective}"
                f"{verdict} | {ours:.2f} | {sol.engine} | {ours / published:.2f} | {peer} | {peer_s:.2f} |",
                flush=True,
            )
    print(f"load (1 min) after: {os.getloadavg()[0]:.2f}")
    print("\n| instance | published s | peer s (median) | ours s (median) | ours s (worst) | x published |")
    print("|---|---|---|---|---|---|")
    ratios = []
    for r in rows:
        mine, published = times[r["instance"]], float(r["time_s"])
        ratios.append(statistics.median(mine) / published)
        print(
            f"| {r['instance']} | {published:g} | {statistics.median(peers[r['instance']]):.2f} | "
            f"{statistics.median(mine):.2f} | {max(mine):.2f} | {ratios[-1]:.2f} |"
        )
    wins = sum(x <= 1 for x in ratios)
    median = statistics.median(ratios)
    print(f"median time at or under the published: {wins} of {len(rows)}; median ratio {median:.2f}")


def _peer(inst: Instance, limit: float) -> tuple[str, float]:
    t0 = time.monotonic()
    other = solve_maxsat(inst, 2, "g3", time_limit=limit)
    return f"{other.status} {other.objective}", time.monotonic() - t0


def _referee(path: Path, sol: Solution, out_dir: Path) -> str:
    out = out_dir / f"{path.stem}.solution.json"
    write_solution(sol, out)
    ref = subprocess.run(
        [sys.executable, str(REFEREE), str(path), str(out), "--fairness", "2", "--best-known", str(BEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if ref.returncode == 0 else " INVALID"


if __name__ == "__main__":
    main()
