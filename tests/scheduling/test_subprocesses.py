"""A killed `missionmatch solve` leaves no solver running."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scheduling.sched_helpers import bench


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:  # a short-lived child (e.g. multiprocessing's resource tracker starting) already gone
        return ""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_solver_children_die_with_a_killed_parent(tmp_path: Path) -> None:
    instance = bench("original", "tic-13crafc")  # long enough that every engine is still busy
    cli = Path(sys.executable).with_name("missionmatch")
    parent = subprocess.Popen(
        [str(cli), "solve", str(instance), "--time-limit", "120", "--out", str(tmp_path / "s.json")],
        stderr=subprocess.DEVNULL,
    )
    try:
        engines: list[int] = []
        # the engines start after the in-process passes (at most a quarter of the time limit, about 3 s of
        # work here), then within seconds (spawned interpreters); a crowded machine stretches both
        for _ in range(900):
            kids = _children(parent.pid)
            engines = [c for c in kids if "spawn_main" in _cmdline(c)]
            if len(engines) == 3:
                break
            time.sleep(0.1)
        assert len(engines) == 3
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        for _ in range(600):  # dying is asked, not a speed: a busy machine may take a while to get there
            if not any(_running(c) for c in engines):
                break
            time.sleep(0.1)
        assert [c for c in engines if _running(c)] == []
    finally:
        if parent.poll() is None:
            parent.kill()
