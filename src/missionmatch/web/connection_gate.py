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


class ConnectionGate:
    def __init__(self, permits: int, wait: float) -> None:
        self.permits = permits
        self.wait = wait
        # one semaphore per event loop: a TestClient may run each request in a loop of its own
        self._semaphores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    @classmethod
    def for_engine(cls, engine: Engine, wait: float) -> "ConnectionGate":
        return cls(pool_capacity(engine), wait)

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:
            semaphore = self._semaphores[loop] = asyncio.Semaphore(self.permits)
        return semaphore

    @asynccontextmanager
    async def admit(self) -> AsyncIterator[None]:
        semaphore = self._semaphore()
        try:
            async with asyncio.timeout(self.wait):
                await semaphore.acquire()
        except TimeoutError:
            raise DatabaseBusy(retry_after=max(1, math.ceil(self.wait))) from None
        try:
            yield
        finally:
            semaphore.release()


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
