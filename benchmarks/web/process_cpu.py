"""CPU seconds used so far by a process and its children (the web server's master and its workers), from
/proc (Linux): what the server took of the cores during a run."""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found += [int(child) for child in children]
    return found


def cpu_seconds(pid: int) -> float:
    """utime + stime of `pid` and all its descendants alive now."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime, fields 14 and 15 of stat
    return own + sum(cpu_seconds(child) for child in _children(pid))
