"""Finding 4: more concurrent requests than database connections must never hang the server. Requests wait
for a connection without holding a thread, and one that waits too long gets a quick 503 with Retry-After."""

import asyncio
import sqlite3
import threading
import time

import httpx
import pytest

from missionmatch.web.app import create_app
from missionmatch.web.connection_gate import ConnectionGate
from tests.web.conftest import World
from tests.web.live_server import csrf, live_server, sign_in_with_link


def _database_path(world: World) -> str:
    return world.factory.kw["bind"].url.database


def test_a_request_that_finds_every_connection_held_gets_a_quick_503(world: World) -> None:
    app = create_app(world.factory, world.settings)
    app.state.connection_gate = ConnectionGate(permits=1, wait=0.5)
    recipient = world.participant("test-osaka", "p-4").id
    with live_server(app) as base:
        cookies = sign_in_with_link(base, world.link_token("test-osaka", "p-1"))
        with httpx.Client(base_url=base, cookies=cookies, timeout=60) as client:
            token = csrf(client, "/me/requests")
            # another program holds SQLite's write lock: the meeting request below takes the only
            # connection and waits on it (SQLite's busy timeout) until the lock is released
            holder = sqlite3.connect(_database_path(world), isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            answers: list[int] = []
            form = {"csrf_token": token, "recipient_id": str(recipient), "message": "Hello"}
            writer = threading.Thread(
                target=lambda: answers.append(client.post("/me/requests", data=form).status_code)
            )
            writer.start()
            time.sleep(0.5)  # the writer is inside, holding the gate's one permit
            started = time.monotonic()
            page = client.get("/me/agenda")
            waited = time.monotonic() - started
            api = client.get("/api/v1/me/agenda", headers={"Authorization": "Bearer x"})
            holder.rollback()
            writer.join(timeout=30)
    assert (page.status_code, page.headers["retry-after"]) == (503, "1")
    assert "The site is very busy right now. Please try again in a moment." in page.text
    assert (api.status_code, api.json()) == (503, {"detail": "busy"})
    assert waited < 2  # the gate's 0.5 s, not SQLite's 30 s busy timeout
    assert answers == [303]  # the waiting writer went through once the lock was released


def test_a_hundred_concurrent_requests_all_get_an_answer_without_error(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the default gate (as many permits as the pool has connections) and the default pool of 10 + 5. What
    # is tested is that nothing deadlocks, not speed: the wait is long enough for a slow machine (CI once
    # took more than the default 5 s for the last of the 100), and a deadlock would still show, as the
    # pool's 30 s timeout answers 503 before the gate's 60 s are over.
    monkeypatch.setenv("MISSIONMATCH_DB_GATE_WAIT", "60")
    app = create_app(world.factory, world.settings)
    with live_server(app) as base:
        cookies = sign_in_with_link(base, world.link_token("test-osaka", "p-1"))

        async def rush() -> list[int]:
            limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
            async with httpx.AsyncClient(base_url=base, cookies=cookies, limits=limits, timeout=90) as client:
                pages = ["/me/agenda", "/me/directory", "/me/recommendations", "/me/requests"]
                responses = await asyncio.gather(*(client.get(pages[i % 4]) for i in range(100)))
                return [r.status_code for r in responses]

        statuses = asyncio.run(rush())
    assert statuses == [200] * 100
