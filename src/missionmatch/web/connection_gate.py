"""Admits as many requests to the database at once as the pool has connections; the others wait without
holding a thread, and after a short wait get a 503 with Retry-After instead of hanging.

Why: FastAPI runs sync dependencies and sync routes on a pool of 40 threads. A request that checked out a
connection in its dependency then needs another thread for its route; with more requests than connections,
every thread ends up waiting on the connection pool while the connections wait for a thread (finding 4:
0 requests served for 30 s, then 500s). Waiting here, in the event loop, holds neither.
"""

import asyncio
import math
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout

from missionmatch.settings import load_settings

DEFAULT_PERMITS = 10  # pools without a fixed size (SQLite in memory)


class DatabaseBusy(HTTPException):
    """No connection became free in time: the client should try again shortly."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(status_code=503, detail="busy", headers={"Retry-After": str(retry_after)})


class _PerLoop:
    """One semaphore per event loop: a TestClient may run each request in a loop of its own."""

    def __init__(self, permits: int) -> None:
        self.permits = permits
        self._semaphores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    def get(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:
            semaphore = self._semaphores[loop] = asyncio.Semaphore(self.permits)
        return semaphore


class ConnectionGate:
    """`permits` requests at the database at once; of them, at most `writers` writes (None: no limit of
    their own). A write waits for its writer's turn first, then for a connection, within one `wait`."""

    def __init__(self, permits: int, wait: float, writers: int | None = None) -> None:
        self.permits = permits
        self.wait = wait
        self.writers = writers
        self._connections = _PerLoop(permits)
        self._writers = _PerLoop(writers) if writers else None

    @classmethod
    def for_engine(cls, engine: Engine, wait: float) -> "ConnectionGate":
        return cls(pool_capacity(engine), wait, writers_for(engine))

    @asynccontextmanager
    async def admit(self, write: bool = False) -> AsyncIterator[None]:
        needed = [self._connections.get()]
        if write and self._writers is not None:
            needed.insert(0, self._writers.get())
        held: list[asyncio.Semaphore] = []
        try:
            async with asyncio.timeout(self.wait):
                for semaphore in needed:
                    await semaphore.acquire()
                    held.append(semaphore)
        except TimeoutError:
            for semaphore in held:
                semaphore.release()
            raise DatabaseBusy(retry_after=max(1, math.ceil(self.wait))) from None
        try:
            yield
        finally:
            for semaphore in held:
                semaphore.release()


def writers_for(engine: Engine) -> int | None:
    """SQLite writes one transaction at a time, and a writer that finds the lock taken polls for it (its busy
    handler sleeps up to 100 ms between tries, while the lock may long be free): with a rush of meeting
    requests, ten writers of a process polled against each other. One writer per process waits its turn
    here instead, in order, holding nothing; reads go on beside it (WAL). PostgreSQL locks rows: no limit."""
    return 1 if engine.dialect.name == "sqlite" else None


def pool_capacity(engine: Engine) -> int:
    """The connections the engine's pool keeps (QueuePool's pool_size), overflow left as headroom."""
    size = getattr(engine.pool, "size", None)
    if callable(size):
        size = size()
    return size if isinstance(size, int) and size > 0 else DEFAULT_PERMITS


def install_connection_gate(app: FastAPI) -> None:
    """One gate per process, sized to the pool of the app's engine (`app.state.session_factory`)."""
    wait = load_settings().gate_wait
    app.state.connection_gate = ConnectionGate.for_engine(app.state.session_factory.kw["bind"], wait)

    @app.exception_handler(PoolTimeout)
    async def pool_exhausted(_request: Request, _error: PoolTimeout) -> Response:
        # a connection held elsewhere (a second session of a long route) outlasted the pool timeout
        headers = {"Retry-After": str(max(1, math.ceil(wait)))}
        return JSONResponse({"detail": "busy"}, status_code=503, headers=headers)
