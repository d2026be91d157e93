"""Web processes that share a directory of rendered bodies (web/shared_bodies.py): a page one rendered is a
hit in the other (one statement, the same body), and a write makes both render again."""

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import event

from missionmatch.db import transaction
from missionmatch.models import Participant
from missionmatch.services.meeting_requests import send_request
from missionmatch.settings import MailSettings
from missionmatch.web.app import create_app
from missionmatch.web.page_cache import Cached, PageCache
from missionmatch.web.shared_bodies import SharedBodies
from tests.web.conftest import Browser, World


def _process(world: World, directory: Path) -> Browser:
    """A web process of its own: its app, its in-memory cache, the shared directory."""
    cache = PageCache(100, SharedBodies(directory, 100))
    return Browser(create_app(world.factory, world.settings, page_cache=cache))


def _statements(world: World, browser: Browser, path: str) -> tuple[int, bytes]:
    statements: list[str] = []
    engine = world.factory.kw["bind"]

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = browser.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements), response.content


def test_a_page_rendered_by_one_process_is_a_hit_in_the_other(world: World, tmp_path: Path) -> None:
    first, second = _process(world, tmp_path), _process(world, tmp_path)
    link = f"/login/link/{world.link_token('test-osaka', 'p-1')}"
    assert first.submit(link, page=link).status_code == 303
    second.cookies = first.cookies  # the same browser, its next request served by the other process
    rendered, body = _statements(world, first, "/me/agenda")
    assert rendered > 1
    assert _statements(world, second, "/me/agenda") == (1, body)  # the hit's one statement
    with transaction(world.factory) as session:  # a write: a new content revision
        anne, host = (session.get(Participant, world.participant("test-osaka", k).id) for k in ("p-1", "p-4"))
        send_request(session, anne, host, "Shall we meet?", mail=MailSettings())
    assert _statements(world, second, "/me/agenda")[0] == rendered  # rendered again, not the old body
    assert _statements(world, first, "/me/agenda")[0] == 1  # which the first process now shares


def test_the_directory_is_pruned_to_its_entries_oldest_first(tmp_path: Path) -> None:
    shared = SharedBodies(tmp_path, entries=2)
    for n in range(3):
        shared.put(f'"{n:040x}"', Cached(b"page %d" % n, "text/html"))
        os.utime(tmp_path / f"{n:040x}", (1000 + n, 1000 + n))  # in this order, whatever the clock says
    shared.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n:040x}" for n in (1, 2)]
    assert shared.get(f'"{2:040x}"') == Cached(b"page 2", "text/html")
    past = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    shared.put('"ended"', Cached(b"old", "text/html", fresh_until=past))
    assert shared.get('"ended"') is None  # a body that read the clock ends when it said
