"""Stop an in-process solver after a budget of this process's CPU time, not of wall-clock time.

The in-process passes (`first_passes`) decide which engine goes next by whether a pass answered within
its budget. On a wall clock that decision follows the machine's load (tic-12, break-free in 0.03 s on a
quiet 2-core machine, ran past a 1 s wall budget at load 13 while other jobs held the cores); on CPU time
it does not. A wall-clock cap (`wall_factor` times the budget) still bounds the wait on a crowded machine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

POLL = 0.02  # seconds between looks at the clocks


class CpuBudget:
    def __init__(self, seconds: float, interrupt: Callable[[], None], wall_factor: float = 3.0) -> None:
        self._cpu_end = time.process_time() + seconds
        self._wall_end = time.monotonic() + seconds * wall_factor
        self._interrupt = interrupt
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(POLL):
            if time.process_time() >= self._cpu_end or time.monotonic() >= self._wall_end:
                self._interrupt()
                return

    def __enter__(self) -> CpuBudget:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
