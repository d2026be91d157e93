"""The organisers' organisation list, searched by the database (SQLite and PostgreSQL), with each
organisation's participants and empty profiles counted in the page's statement."""

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Organisation
from missionmatch.models.enums import Side
from missionmatch.services.list_query import Paging
from missionmatch.services.mission_import import import_mission
from missionmatch.services.organisation_search import parse_query, search_organisations
from tests.factories import small_mission


def _mission(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        mission = import_mission(session, small_mission())
        session.add(Organisation(mission_id=mission.id, name="Zeta Empty SA", side=Side.HOST, country="JP"))
        import_mission(session, small_mission(name="Other", slug="other"))  # counted apart
        return mission.id


def _rows(factory: sessionmaker[Session], mission_id: int, **params: str) -> list[tuple[str, int, int]]:
    with factory() as session:
        found = search_organisations(session, mission_id, parse_query(params))
        return [(r.organisation.name, r.participants, r.empty_profiles) for r in found.rows]


def test_counts_search_filters_and_sorts(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory)
    assert _rows(session_factory, mission_id) == [
        ("Kansai Orbital KK", 2, 1),
        ("LuxSat Services", 1, 0),
        ("Santé Data Lux", 1, 0),
        ("Zeta Empty SA", 0, 0),
    ]
    assert _rows(session_factory, mission_id, q="lux") == [
        ("LuxSat Services", 1, 0),
        ("Santé Data Lux", 1, 0),
    ]
    assert [r[0] for r in _rows(session_factory, mission_id, q="人工知能")] == [
        "Santé Data Lux"
    ]  # sector "ai"
    assert [r[0] for r in _rows(session_factory, mission_id, side="host")] == [
        "Kansai Orbital KK",
        "Zeta Empty SA",
    ]
    assert [r[0] for r in _rows(session_factory, mission_id, sector="space")] == [
        "Kansai Orbital KK",
        "LuxSat Services",
    ]
    assert [r[0] for r in _rows(session_factory, mission_id, status="empty_profiles")] == [
        "Kansai Orbital KK"
    ]
    assert [r[0] for r in _rows(session_factory, mission_id, status="no_participants")] == ["Zeta Empty SA"]
    assert [r[0] for r in _rows(session_factory, mission_id, sort="participants", dir="desc")] == [
        "Kansai Orbital KK",
        "Santé Data Lux",
        "LuxSat Services",
        "Zeta Empty SA",
    ]
    with session_factory() as session:
        paging = search_organisations(session, mission_id, parse_query({"side": "delegation"})).paging
    assert paging == Paging(matched=2, total=4, page=1, pages=1)


def test_a_page_costs_two_statements(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission(session_factory)
    statements: list[object] = []
    engine = session_factory.kw["bind"]

    def count(*args: object) -> None:
        statements.append(args)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with session_factory() as session:
            found = search_organisations(session, mission_id, parse_query({"sort": "empty"}))
            shown = [(r.organisation.name, r.organisation.sectors, r.empty_profiles) for r in found.rows]
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert shown == [
        ("LuxSat Services", ["space"], 0),
        ("Santé Data Lux", ["health", "ai"], 0),
        ("Zeta Empty SA", [], 0),
        ("Kansai Orbital KK", ["space"], 1),
    ]
    assert len(statements) == 2
