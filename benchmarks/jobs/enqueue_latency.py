"""Long work in a worker: how fast a request that starts a run answers, and how soon its job shows progress.

    .venv/bin/python benchmarks/jobs/enqueue_latency.py [--runs 8] [--time-limit 5]

A temporary SQLite database with the demo mission Osaka 1 (158 wanted meetings); the web application on a
free loopback port (uvicorn); `missionmatch worker` in its own process. For each queue storage (SQLite, the
embedded default; Redis when Debian's redis-server is installed, started on a free port) and each run:
POST /api/v1/missions/osaka-1/schedule/run, then GET /api/v1/jobs/{id} every 10 ms until it is done. Measured
from the moment the POST is sent: the 202 answer, the worker taking the job (state running), the first stage
written (snapshot), the solver's first best/bound, and the end (which is what the request took when runs were
synchronous). Also the matcher: the 202 answer. Results: docs/benchmarks-jobs.md.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_port(port: int, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def _prepare(work: Path) -> str:
    """The database with the demo missions and an organiser's API token for Osaka 1."""
    from missionmatch import migrate
    from missionmatch.db import make_engine, make_session_factory, transaction
    from missionmatch.services.accounts import create_api_token, create_organiser
    from missionmatch.services.demo import load_demo

    engine = make_engine(os.environ["MISSIONMATCH_DATABASE_URL"])
    migrate.upgrade(engine)
    with transaction(make_session_factory(engine)) as session:
        missions = load_demo(session)
        osaka = next(m for m in missions if m.slug == "osaka-1")
        account = create_organiser(session, "bench@jobs.lu", secrets.token_urlsafe(12), [osaka])
        token = create_api_token(session, organiser=account)
    engine.dispose()
    return token


def _serve(queue_url: str) -> tuple[uvicorn.Server, int]:
    from missionmatch.commands._common import session_factory
    from missionmatch.settings import WebSettings
    from missionmatch.tasks.queue import build_queue
    from missionmatch.web.app import create_app

    port = _free_port()
    factory = session_factory()
    settings = WebSettings(secret_key="bench", base_url=f"http://127.0.0.1:{port}")
    app = create_app(factory, settings, build_queue(factory, queue_url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    _wait_port(port)
    return server, port


def _one_run(client: httpx.Client, time_limit: float) -> dict[str, float]:
    sent = time.perf_counter()
    answer = client.post("/api/v1/missions/osaka-1/schedule/run", json={"time_limit": time_limit})
    times = {"answer": time.perf_counter() - sent}
    assert answer.status_code == 202, answer.text
    url = answer.headers["location"]
    while True:
        job = client.get(url).json()
        now = time.perf_counter() - sent
        if job["state"] != "queued":
            times.setdefault("running", now)
        if job["stage"]:
            times.setdefault("first_stage", now)
        if job["best"] is not None:
            times.setdefault("first_best", now)
        if job["state"] not in ("queued", "running"):
            assert job["state"] == "done", job
            times["done"] = now
            return times
        time.sleep(0.01)


def _ms(values: list[float], runs: int | None = None) -> str:
    """median / max in milliseconds (and in how many runs it was seen, when not in all)"""
    if not values:
        return "not seen"
    values = sorted(values)
    seen = f" ({len(values)} of {runs} runs)" if runs and len(values) < runs else ""
    return f"{statistics.median(values) * 1000:.0f} / {values[-1] * 1000:.0f}{seen}"


def measure(queue_url: str, label: str, runs: int, time_limit: float, token: str, work: Path) -> None:
    env = os.environ | {"MISSIONMATCH_QUEUE_URL": queue_url}
    log = (work / f"worker-{label}.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "missionmatch.cli", "worker"], env=env, cwd=work, stdout=log, stderr=log
    )
    server, port = _serve(queue_url)
    try:
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"authorization": f"Bearer {token}"}
        )
        _one_run(client, time_limit)  # warm-up: imports and the first solver start in the worker
        results = [_one_run(client, time_limit) for _ in range(runs)]
        matcher = []
        for _ in range(runs):
            sent = time.perf_counter()
            answer = client.post("/api/v1/missions/osaka-1/matching/run")
            matcher.append(time.perf_counter() - sent)
            while client.get(answer.headers["location"]).json()["state"] in ("queued", "running"):
                time.sleep(0.05)
        keys = ("answer", "running", "first_stage", "first_best", "done")
        row = [_ms([r[k] for r in results if k in r], runs) for k in keys]
        print(f"| {label} | {runs} | " + " | ".join(row) + f" | {_ms(matcher)} |", flush=True)
    finally:
        server.should_exit = True
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mm-bench-jobs-") as folder:
        work = Path(folder)
        os.environ["MISSIONMATCH_DATABASE_URL"] = f"sqlite:///{work / 'missionmatch.db'}"
        os.environ["MISSIONMATCH_CACHE_DIR"] = str(work / "cache")  # the first matcher run fills it
        os.chdir(work)
        token = _prepare(work)
        print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
        columns = ("202 answer", "worker took it", "first stage", "first best/bound", "done", "matcher 202")
        print("| queue | runs | " + " | ".join(columns) + " |")
        print("|---|---|---|---|---|---|---|---|")
        measure(f"sqlite:///{work / 'queue.db'}", "SQLite", args.runs, args.time_limit, token, work)
        redis_server = shutil.which("redis-server")
        if redis_server:
            port = _free_port()
            redis = subprocess.Popen(
                [
                    redis_server,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
            )
            try:
                _wait_port(port)
                measure(f"redis://127.0.0.1:{port}/0", "Redis", args.runs, args.time_limit, token, work)
            finally:
                redis.terminate()
                redis.wait(timeout=10)
        print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
