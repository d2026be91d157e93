"""Waiting lists in a mission document: they round-trip in order, are written only where someone waits, and
a list naming an unknown, repeated or already registered participant is refused naming the row."""

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.report_tables import programme as programme_table
from missionmatch.i18n import Translator
from missionmatch.models import Mission
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_export import export_mission
from missionmatch.services.mission_import import import_mission
from missionmatch.services.mission_report import mission_report
from tests.factories import small_mission
from tests.services.waiting_helpers import item


def test_waiting_lists_round_trip_in_order(sqlite_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["programme"][1]["waiting_list"] = ["p-4", "p-2"]  # the visit: Anne registered
    assert validate(document) == []
    with transaction(sqlite_factory) as session:
        import_mission(session, document)
    with sqlite_factory() as session:
        visit = item(session, "visit-1")
        assert [(e.participant.key, e.position) for e in waiting.entries(session, visit)] == [
            ("p-4", 1),
            ("p-2", 2),
        ]
        exported = export_mission(session, session.scalars(select(Mission)).one())
    assert [i.get("waiting_list") for i in exported["programme"]] == [None, ["p-4", "p-2"]]
    assert exported["programme"] == document["programme"]


def test_a_wrong_waiting_list_is_refused_naming_the_row() -> None:
    document = small_mission()
    document["programme"][0]["waiting_list"] = "p-3"
    document["programme"][1]["waiting_list"] = ["p-9", "p-2", "p-2", "p-1"]
    assert [str(p) for p in validate(document)] == [
        "programme[0], waiting_list: must be a list of participant keys",
        "programme[1], waiting_list: 'p-9' does not exist",
        "programme[1], waiting_list: 'p-2' is listed twice",
        "programme[1], waiting_list: 'p-1' is registered for the item",
    ]


def test_the_report_counts_who_waits_for_each_item(sqlite_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["programme"][1]["waiting_list"] = ["p-4", "p-2"]
    with transaction(sqlite_factory) as session:
        import_mission(session, document)
    with sqlite_factory() as session:
        report = mission_report(session, session.scalars(select(Mission)).one())
        header, rows = programme_table(report, Translator("en"))
    assert [(line.title, line.registered, line.capacity, line.waiting) for line in report.programme] == [
        ("Business Forum", 2, 200, 0),
        ("Visit of Kansai Orbital", 1, 2, 2),
    ]
    assert (header[-1], [row[-1] for row in rows]) == ("Waiting", [0, 2])
    assert programme_table(report, Translator("ja"))[0][-1] == "キャンセル待ち"
