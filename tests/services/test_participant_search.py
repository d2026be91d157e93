"""The organisers' participant list, searched by the database (SQLite and PostgreSQL): every filter, both sort
directions, paging, and two statements a page whatever the mission's size."""

import copy
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Participant
from missionmatch.services.list_query import PAGE_SIZE, ListQuery, Paging
from missionmatch.services.mission_import import import_mission
from missionmatch.services.participant_search import parse_query, search_participants
from tests.factories import small_mission

EXTRA = 116  # 120 participants: pages of 50, 50 and 20


def _document(extra: int) -> dict:
    document = small_mission()
    people = {p["key"]: p for p in document["participants"]}
    for n in range(extra):
        clone = copy.deepcopy(people["p-3" if n % 2 else "p-1"])
        side = "host" if n % 2 else "delegation"
        clone.update(
            key=f"x-{n}",
            email=f"person{n:03d}@{side}.example",
            first_name=f"First{n:03d}",
            last_name=f"Extra{n:03d}",
            hosted_table=None,
        )
        document["participants"].append(clone)
    return document


def _mission(factory: sessionmaker[Session], extra: int = EXTRA) -> int:
    with transaction(factory) as session:
        return import_mission(session, _document(extra)).id


def _names(factory: sessionmaker[Session], mission_id: int, **params: str) -> list[str]:
    with factory() as session:
        found = search_participants(session, mission_id, parse_query(params))
        return [p.last_name for p in found.rows]


def _paging(factory: sessionmaker[Session], mission_id: int, **params: str) -> Paging:
    with factory() as session:
        return search_participants(session, mission_id, parse_query(params)).paging


def test_pages_of_fifty_sorted_by_family_name(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory)
    everyone = sorted([f"Extra{n:03d}" for n in range(EXTRA)] + ["Muller", "Sato", "Weber", "山田"])
    assert _names(session_factory, mission_id) == everyone[:50]
    assert _names(session_factory, mission_id, page="2") == everyone[50:100]
    assert _names(session_factory, mission_id, page="3") == everyone[100:]
    assert _names(session_factory, mission_id, page="99") == everyone[100:]  # past the end: the last page
    assert _paging(session_factory, mission_id, page="99") == Paging(matched=120, total=120, page=3, pages=3)
    assert _names(session_factory, mission_id, sort="name", dir="desc")[:3] == ["山田", "Weber", "Sato"]


def test_search_over_name_email_organisation_and_sector(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory, extra=0)
    assert _names(session_factory, mission_id, q="MULLER") == ["Muller"]  # ASCII letters in any case
    assert _names(session_factory, mission_id, q="Anne Muller") == ["Muller"]
    assert _names(session_factory, mission_id, q="山田 太郎") == ["山田"]  # family name first
    assert _names(session_factory, mission_id, q="sante.example") == ["Weber"]  # e-mail
    assert _names(session_factory, mission_id, q="Kansai Orbital") == ["Sato", "山田"]  # organisation
    # a sector by its code or its name in any language, on the organisation or the profile
    assert _names(session_factory, mission_id, q="santé") == ["Weber"]
    assert _names(session_factory, mission_id, q="宇宙") == ["Muller", "Sato", "山田"]
    assert _names(session_factory, mission_id, q="100%") == []  # LIKE wildcards are text
    assert _names(session_factory, mission_id, q="_") == []
    assert _paging(session_factory, mission_id, q="orbital") == Paging(matched=2, total=4, page=1, pages=1)


def test_filters_by_side_sector_and_status(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory, extra=0)
    with transaction(session_factory) as session:
        sato = session.scalar(select(Participant).where(Participant.key == "p-4"))
        muller = session.scalar(select(Participant).where(Participant.key == "p-1"))
        sato.checked_in_at = dt.datetime(2025, 5, 27, 9, tzinfo=dt.UTC)
        muller.withdrawn_at = dt.datetime(2025, 5, 20, 9, tzinfo=dt.UTC)
    names = _names
    assert names(session_factory, mission_id, side="host") == ["Sato", "山田"]
    assert names(session_factory, mission_id, sector="health") == ["Weber"]
    assert names(session_factory, mission_id, sector="ai") == ["Weber"]  # the organisation's sectors
    assert names(session_factory, mission_id, status="withdrawn") == ["Muller"]
    assert names(session_factory, mission_id, status="active") == ["Sato", "Weber", "山田"]
    assert names(session_factory, mission_id, status="empty") == ["Sato"]
    assert names(session_factory, mission_id, status="complete", side="delegation") == ["Muller", "Weber"]
    assert names(session_factory, mission_id, status="checked_in") == ["Sato"]
    assert names(session_factory, mission_id, status="not_checked_in", sector="space") == ["Muller", "山田"]
    assert names(session_factory, mission_id, side="host", sort="checked_in", dir="desc")[0] == "Sato"


def test_sorts_by_organisation_then_name(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory, extra=0)
    # Kansai Orbital KK, LuxSat Services, Santé Data Lux
    assert _names(session_factory, mission_id, sort="organisation") == ["Sato", "山田", "Muller", "Weber"]
    assert _names(session_factory, mission_id, sort="organisation", dir="desc") == [
        "Weber",
        "Muller",
        "山田",
        "Sato",
    ]
    assert _names(session_factory, mission_id, sort="email") == ["Muller", "Weber", "Sato", "山田"]


def test_another_missions_participants_are_never_listed(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory, extra=0)
    with transaction(session_factory) as session:
        import_mission(session, small_mission(name="Other", slug="other"))
        other = session.scalar(select(Mission).where(Mission.slug == "other"))
        assert other is not None and other.id != mission_id
    assert _paging(session_factory, mission_id) == Paging(matched=4, total=4, page=1, pages=1)


@pytest.mark.parametrize("extra", [0, EXTRA])
def test_a_page_costs_two_statements_whatever_the_size(
    session_factory: sessionmaker[Session], extra: int
) -> None:
    mission_id = _mission(session_factory, extra)
    statements: list[str] = []
    engine = session_factory.kw["bind"]

    def count(*_args: object) -> None:
        statements.append("x")

    with session_factory() as session:
        event.listen(engine, "before_cursor_execute", count)
        try:
            query = parse_query({"status": "complete", "sort": "organisation"})
            found = search_participants(session, mission_id, query)
            # what the list shows is loaded with the rows: organisation, profile (Japanese order)
            shown = [(p.organisation.name, p.profile is not None) for p in found.rows]
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(shown) == min(PAGE_SIZE, 3 + extra)  # all but Hanako Sato, who has no profile
    assert len(statements) == 2


def test_parse_keeps_only_what_it_understands() -> None:
    query = parse_query({"q": "  ito ", "side": "moon", "sector": "ai", "status": "x", "sort": "id; drop"})
    assert query == ListQuery(q="ito", sector="ai")
    assert parse_query({"page": "-3"}).page == 1
    assert parse_query({"page": "99999999999"}).page == 10**6


def test_links_keep_the_other_parameters() -> None:
    query = parse_query({"q": "name", "side": "host", "sort": "organisation", "dir": "desc", "page": "3"})
    assert query.params(page=4) == {
        "q": "name",
        "side": "host",
        "sort": "organisation",
        "dir": "desc",
        "page": "4",
    }
    assert query.params(sort="name", dir="", page=1) == {"q": "name", "side": "host"}


@given(st.dictionaries(st.sampled_from(["q", "side", "sector", "status", "sort", "dir", "page"]), st.text()))
def test_a_query_string_read_back_from_its_own_links_is_the_same_query(params: dict[str, str]) -> None:
    query = parse_query(params)
    assert parse_query(query.params()) == query
