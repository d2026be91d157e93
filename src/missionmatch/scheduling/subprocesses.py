"""Solver child processes must not outlive their parent.

A killed `missionmatch solve` (a CI timeout, a Ctrl-C in the wrong place, `kill`) gives its children no
chance to be cleaned up, and a SAT solver left running holds a core for as long as its search lasts. On
Linux the kernel can send the child a signal when its parent dies; elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return
    libc = ctypes.CDLL(libc_name, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # The parent may have died before the request took effect (a spawned child imports the solvers first,
    # seconds on a busy machine); the orphan then belongs to init or to a subreaper, not to its parent.
    parent = multiprocessing.parent_process()
    if os.getppid() == 1 or (parent is not None and parent.pid is not None and os.getppid() != parent.pid):
        os._exit(1)
