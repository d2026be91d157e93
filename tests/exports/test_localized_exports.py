"""Agendas (iCalendar, from the one agenda document the PDF renders too) and the mission workbook write
content in several languages in the reader's language."""

from io import BytesIO

from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.agenda_ical import agenda_ics
from missionmatch.exports.excel import mission_workbook
from missionmatch.models import B2BSession, Mission, ProgrammeItem
from missionmatch.services.mission_export import export_mission
from tests.agenda_world import document_of, published_mission


def _translate(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = session.scalar(select(B2BSession).where(B2BSession.key == "b2b-1"))
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == "forum"))
        mission = session.scalar(select(Mission))
        assert b2b is not None and item is not None and mission is not None
        b2b.venue = {"en": "Expo hall", "ja": "万博ホール"}
        item.title = {"en": "Business Forum", "fr": "Forum d’affaires", "ja": "ビジネスフォーラム"}
        item.venue = {"en": "Expo hall", "ja": "万博ホール"}
        mission.name = {"en": "Test mission Osaka", "ja": "大阪テストミッション"}


def test_the_agenda_is_in_the_readers_language(sqlite_factory: sessionmaker[Session]) -> None:
    published_mission(sqlite_factory)
    _translate(sqlite_factory)
    document = document_of(sqlite_factory, "p-1", language="ja")
    assert document.mission_name == "大阪テストミッション"
    assert [m.venue for m in document.meetings] == ["万博ホール"]
    calendar = Calendar.from_ical(agenda_ics(document))
    forum = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "ビジネスフォーラム"]
    assert [str(e["location"]) for e in forum] == ["万博ホール, Osaka"]
    french = document_of(sqlite_factory, "p-1", language="fr")
    assert [p.title for p in french.programme if p.key == "forum"] == ["Forum d’affaires"]
    assert [m.venue for m in french.meetings] == ["Expo hall"]  # no French: English


def test_the_workbook_names_sessions_titles_and_sectors_in_its_language(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)
    _translate(sqlite_factory)
    with sqlite_factory() as session:
        mission = session.scalar(select(Mission))
        assert mission is not None
        document = export_mission(session, mission)
    workbook = load_workbook(BytesIO(mission_workbook(document, "ja")))
    programme = workbook[workbook.sheetnames[-1]]
    titles = [row[3] for row in programme.iter_rows(min_row=2, values_only=True)]
    assert "ビジネスフォーラム" in titles
    organisations = [
        row[4] for row in workbook[workbook.sheetnames[1]].iter_rows(min_row=2, values_only=True)
    ]
    assert "宇宙" in ", ".join(str(cell) for cell in organisations)
