"""`missionmatch serve --workers N` starts N web processes behind one socket (finding 4: one process only)."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.web.live_server import free_port

MISSIONMATCH = Path(sys.executable).parent / "missionmatch"
STARTED = re.compile(r"Started server process \[(\d+)\]")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def test_serve_with_two_workers_starts_two_processes_that_answer(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "MISSIONMATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "MISSIONMATCH_SECRET_KEY": "workers-test",
        "TMPDIR": str(tmp_path),  # where the processes' shared page directory is made
    }
    command = [str(MISSIONMATCH), "serve", "--workers", "2", "--port", str(port)]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 150  # each worker imports the solvers: slow on a loaded machine
        while len(STARTED.findall(log.read_text())) < 2 or "startup complete" not in log.read_text():
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        workers = {int(pid) for pid in STARTED.findall(log.read_text())}
        answers = [httpx.get(f"http://127.0.0.1:{port}/login", timeout=30).status_code for _ in range(4)]
        children = _children(server.pid)
        shared = [path.stat().st_mode & 0o777 for path in tmp_path.glob("missionmatch-pages-*")]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    assert shared == [0o700]  # one directory of rendered pages for both processes, the server's alone
    assert list(tmp_path.glob("missionmatch-pages-*")) == []  # removed when the server stopped
    assert len(workers) == 2
    assert workers <= children
    assert answers == [200] * 4
    assert "missionmatch at" in log.read_text() and "(2 worker processes)" in log.read_text()
