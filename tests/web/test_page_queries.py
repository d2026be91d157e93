"""The busiest pages read a mission in a fixed number of SQL statements, however many people it has (finding
4: the dashboard made one statement per profile, the directory two per person)."""

import copy
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Participant, Recommendation
from missionmatch.services.accounts import create_login_link, create_organiser
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission
from tests.web.conftest import PASSWORD, SETTINGS, World


def _mission_with_more_hosts(extra: int) -> dict:
    document = small_mission()
    host = next(p for p in document["participants"] if p["key"] == "p-3")
    for n in range(extra):
        clone = copy.deepcopy(host)
        clone.update(key=f"h-{n}", email=f"host{n}@orbital.example.jp", last_name=f"Host {n}")
        document["participants"].append(clone)
    return document


def _world(factory: sessionmaker[Session], extra: int) -> World:
    with transaction(factory) as session:
        mission = import_mission(session, _mission_with_more_hosts(extra))
        create_organiser(session, "orga@a.lu", PASSWORD, [mission])
        me = session.scalar(select(Participant).where(Participant.key == "p-1"))
        hosts = [p for p in mission.participants if p.organisation.side.value == "host"]
        for rank, host in enumerate(hosts, start=1):
            session.add(
                Recommendation(
                    mission_id=mission.id,
                    participant_id=me.id,
                    candidate_id=host.id,
                    rank=rank,
                    score=1 / rank,
                    reasons={"shared_sectors": ["space"]},
                    embedder="test",
                    created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
                )
            )
    return World(factory, SETTINGS)


@contextmanager
def _counted(factory: sessionmaker[Session]) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = factory.kw["bind"]

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


PAGES = {
    # page -> SQL statements for one GET (the signed-in user and their web session, the page's own reads)
    "/missions/test-osaka": 12,  # the counts in 7 statements; the campaign key, for the report link
    "/me/directory": 6,
    "/me/recommendations": 13,  # organisation cards: dismissals, not interested, campaign, earlier meetings
    "/me/agenda": 8,  # with the calendar subscription, if any, and the waiting lists they are on
}


@pytest.mark.parametrize("extra_hosts", [0, 12])
@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_reads_the_mission_in_a_fixed_number_of_statements(
    sqlite_factory: sessionmaker[Session], page: str, extra_hosts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIONMATCH_PAGE_CACHE", "0")  # the render's statements, not a cache hit's
    world = _world(sqlite_factory, extra_hosts)
    if page.startswith("/missions"):
        browser = world.organiser()
    else:
        with transaction(sqlite_factory) as session:
            me = session.scalar(select(Participant).where(Participant.key == "p-1"))
            token = create_login_link(session, me, dt.timedelta(hours=1))
        browser = world.client()
        assert browser.submit(f"/login/link/{token}", page=f"/login/link/{token}").status_code == 303
    assert browser.get(page).status_code == 200  # warm: the first request of a client creates its CSRF token
    with _counted(sqlite_factory) as statements:
        response = browser.get(page)
    assert response.status_code == 200
    if page.startswith("/missions"):  # the extra hosts are counted, or seen, on the page
        assert f"<dt>Host participants</dt><dd>{2 + extra_hosts}</dd>" in response.text
    elif page != "/me/agenda":
        assert ("Host 11" in response.text) == (extra_hosts == 12)
    assert len(statements) == PAGES[page], "\n".join(statements)
