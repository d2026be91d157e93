"""The rush after "schedule published" (issue 9, finding 4): the demo mission osaka-1, published, served by
`missionmatch serve --workers N` from a fresh database (a SQLite file, or a database on a throwaway
PostgreSQL cluster); a load client in another process drives 1, 50 and 200 concurrent clients for 30 s on
each scenario (agenda, directory, recommendations, dashboard, API GETs, meeting-request POSTs). Prints one
Markdown table: requests/s, p50/p95/p99 and errors (5xx, timeouts, refused connections).

    .venv/bin/python benchmarks/web/run_web_benchmark.py --database sqlite
    .venv/bin/python benchmarks/web/run_web_benchmark.py --database postgresql --workers 2
    .venv/bin/python benchmarks/web/run_web_benchmark.py --clients python,wrk   # both, side by side

`--clients python,wrk` (wrk: `make bench-deps`) drives each GET scenario with both load clients in turn;
the table gives each run's CPU use of the client and of the server, in cores (2 on this machine).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.postgres_cluster
sys.path.insert(0, str(Path(__file__).parent))

from prepare import prepare  # noqa: E402
from tests import postgres_cluster  # noqa: E402
from tests.web.live_server import free_port  # noqa: E402

from missionmatch.db import make_engine  # noqa: E402

MISSIONMATCH = Path(sys.executable).parent / "missionmatch"


def _postgres_database(cluster: postgres_cluster.Cluster) -> str:
    admin = make_engine(cluster.url())
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text('CREATE DATABASE "bench"'))
    admin.dispose()
    return cluster.url("bench")


# requests expire within seconds, so that the POST scenario's pairs can ask again when their turn comes back
REQUEST_VALIDITY = "5"


def _start_server(url: str, workers: int, directory: Path, extra: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "MISSIONMATCH_DATABASE_URL": url, "MISSIONMATCH_SECRET_KEY": "benchmark", **extra}
    env["MISSIONMATCH_REQUEST_VALIDITY"] = REQUEST_VALIDITY
    log = (directory / "server.log").open("w")
    command = [str(MISSIONMATCH), "serve", "--workers", str(workers), "--port", str(port)]
    server = subprocess.Popen(command, cwd=directory, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while "startup complete" not in (directory / "server.log").read_text().replace("\n", " ") or (
        (directory / "server.log").read_text().count("startup complete") < workers
    ):
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((directory / "server.log").read_text())
        time.sleep(0.5)
    assert httpx.get(f"{base}/login", timeout=30).status_code == 200
    return server, base


def _table(rows: list[dict]) -> str:
    lines = [
        "| scenario | load client | clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| statuses | client CPU | server CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        r = {k: "–" if v is None else v for k, v in r.items()}  # no request: every pair had already asked
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(r["statuses"].items()))
        lines.append(
            f"| {r['scenario']} | {r['client']} | {r['clients']} | {r['requests']} | {r['rps']} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['errors']} | {statuses} | "
            f"{r['client_cores']} | {r['server_cores']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--levels", default="1,50,200")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument("--time-limit", type=float, default=5, help="scheduler seconds per session")
    parser.add_argument("--clients", default="python", help="load clients: python, wrk, or python,wrk")
    parser.add_argument("--pool-size", type=int, default=0, help="MISSIONMATCH_DB_POOL_SIZE (0: default)")
    parser.add_argument("--gate-wait", type=float, default=0, help="MISSIONMATCH_DB_GATE_WAIT (0: default)")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="mm-web-bench-"))
    cluster = postgres_cluster.start() if args.database == "postgresql" else None
    try:
        url = _postgres_database(cluster) if cluster else f"sqlite:///{directory / 'bench.db'}"
        fixture = prepare(url, args.time_limit)
        extra = {"MISSIONMATCH_DB_POOL_SIZE": str(args.pool_size)} if args.pool_size else {}
        if args.gate_wait:
            extra["MISSIONMATCH_DB_GATE_WAIT"] = str(args.gate_wait)
        server, base = _start_server(url, args.workers, directory, extra)
        try:
            load_before = os.getloadavg()
            command = [sys.executable, str(Path(__file__).parent / "load_client.py"), base]
            command += ["--levels", args.levels, "--seconds", str(args.seconds), "--only", args.only]
            command += ["--clients", args.clients, "--server-pid", str(server.pid)]
            client = subprocess.run(command, input=json.dumps(fixture), capture_output=True, text=True)
            if client.returncode != 0:
                sys.exit(f"the load client failed:\n{client.stderr}")
            load_after = os.getloadavg()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
        rows = [json.loads(line) for line in client.stdout.splitlines() if line.startswith("{")]
        print(f"database {args.database}, {args.workers} web workers, {args.seconds:g} s per run, {extra}")
        print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
        print(_table(rows))
        server_errors = (directory / "server.log").read_text().count("Traceback")
        print(f"server tracebacks: {server_errors} (log: {directory / 'server.log'})")
    finally:
        if cluster:
            postgres_cluster.stop(cluster)


if __name__ == "__main__":
    main()
