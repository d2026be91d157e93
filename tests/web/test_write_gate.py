"""On SQLite, writes of one process take their turn at the connection gate, one at a time, instead of polling
SQLite's write lock against each other; reads go on beside a waiting write, and a write that waits too long
for its turn gets the gate's 503 (web/connection_gate.py)."""

import sqlite3
import threading
import time

import httpx

from missionmatch.web.app import create_app
from missionmatch.web.connection_gate import ConnectionGate
from tests.web.conftest import World
from tests.web.live_server import csrf, live_server, sign_in_with_link


def test_sqlite_gets_one_writer_per_process(world: World) -> None:
    gate = ConnectionGate.for_engine(world.factory.kw["bind"], wait=5)
    assert (gate.permits, gate.writers) == (10, 1)


def _asker(base: str, world: World, key: str, recipient: str):  # type: ignore[no-untyped-def]
    """A participant's client, and a function sending their meeting request to `recipient`."""
    cookies = sign_in_with_link(base, world.link_token("test-osaka", key))
    client = httpx.Client(base_url=base, cookies=cookies, timeout=60)
    form = {"csrf_token": csrf(client, "/me/requests"), "message": "Hello"}
    form["recipient_id"] = str(world.participant("test-osaka", recipient).id)
    return client, lambda: client.post("/me/requests", data=form).status_code


def test_a_second_write_waits_for_the_first_while_reads_go_on(world: World) -> None:
    app = create_app(world.factory, world.settings)
    app.state.connection_gate = ConnectionGate(permits=3, wait=0.5, writers=1)
    with live_server(app) as base:
        first_client, first = _asker(base, world, "p-1", "p-4")  # pairs with no request between them yet
        second_client, second = _asker(base, world, "p-2", "p-3")
        # another program holds SQLite's write lock: the first request takes the writer's turn and waits on
        # the lock (SQLite's busy timeout, 30 s) until it is released
        holder = sqlite3.connect(world.factory.kw["bind"].url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        answers: list[int] = []
        writer = threading.Thread(target=lambda: answers.append(first()))
        writer.start()
        time.sleep(1)  # lets the first request in (not a measurement)
        read = second_client.get("/me/agenda").status_code
        waiting = second()  # no turn within the gate's 0.5 s: it never reached SQLite's lock
        holder.rollback()
        writer.join(timeout=30)
        again = second()
        first_client.close()
        second_client.close()
    assert (read, waiting, answers, again) == (200, 503, [303], 303)
