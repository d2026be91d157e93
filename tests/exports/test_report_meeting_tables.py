"""The report's own tables of meetings, interpreter hours and agreements against counts made independently
in SQL: per mission, and for the campaign (where each meeting and agreement, belonging to one mission, is
counted once); and the same tables as sheets of the workbook."""

import io

from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.report_meeting_tables import (
    agreement_register,
    agreements,
    interpreters,
    meetings,
)
from missionmatch.exports.report_xlsx import report_workbook
from missionmatch.i18n import Translator
from missionmatch.models import Campaign
from missionmatch.services.mission_report import MissionReport, campaign_report
from tests.services.report_fixtures import two_missions

EN = Translator("en")
MISSIONS = ["Test mission Osaka", "Test mission Tokyo"]
STAGE_SQL = {
    "Requested": "SELECT COUNT(*) FROM meeting_request r WHERE r.mission_id = :m",
    "Accepted": "SELECT COUNT(*) FROM meeting_request r WHERE r.mission_id = :m AND r.status = 'accepted'",
    "Scheduled": "SELECT COUNT(*) FROM meeting WHERE mission_id = :m AND session_id IS NOT NULL"
    " AND slot IS NOT NULL AND status IN ('published', 'held', 'no_show')",
    "Held": "SELECT COUNT(*) FROM meeting WHERE mission_id = :m AND status = 'held'",
    "No-show": "SELECT COUNT(*) FROM meeting WHERE mission_id = :m AND status = 'no_show'",
    "Cancelled": "SELECT COUNT(*) FROM meeting WHERE mission_id = :m AND status = 'cancelled'",
}
INTERPRETING_SQL = """
SELECT mi.name, mt.interpreter, COUNT(*), SUM(b.slot_minutes),
       SUM(CASE WHEN mt.status = 'held' THEN b.slot_minutes ELSE 0 END)
FROM meeting mt JOIN b2b_session b ON b.id = mt.session_id JOIN mission mi ON mi.id = mt.mission_id
WHERE mt.interpreter IS NOT NULL AND mt.slot IS NOT NULL AND mt.status IN ('published', 'held', 'no_show')
GROUP BY mi.name, mt.interpreter ORDER BY mi.name, mt.interpreter
"""
LANGUAGES = {"fr-ja": "French–Japanese", "en-ja": "English–Japanese"}


def _report(factory: sessionmaker[Session]) -> tuple[MissionReport, dict[str, int]]:
    with transaction(factory) as session:
        two_missions(session)
    with factory() as session:
        ids = dict(_rows(session, "SELECT name, id FROM mission"))
        return campaign_report(session, session.query(Campaign).one()), ids


def _rows(session: Session, query: str) -> list[tuple]:
    return [tuple(row) for row in session.execute(text(query))]


def _count(session: Session, query: str, mission: int) -> int:
    return int(session.execute(text(query), {"m": mission}).scalar_one())


def test_the_meetings_table_counts_each_stage_per_mission_and_in_all(
    session_factory: sessionmaker[Session],
) -> None:
    report, ids = _report(session_factory)
    header, rows = meetings(report, EN)
    assert header == ["Meetings", *MISSIONS, "Test campaign"]
    with session_factory() as session:
        expected = []
        for stage, query in STAGE_SQL.items():
            counts = [_count(session, query, ids[name]) for name in MISSIONS]
            expected.append([stage, *counts, sum(counts)])
    assert rows == expected
    assert [row[-1] for row in rows] == [5, 2, 4, 2, 1, 1]  # the test data, as a check on the SQL


def test_interpreter_hours_come_from_the_meetings_with_an_interpreter_and_their_slots(
    session_factory: sessionmaker[Session],
) -> None:
    report, _ = _report(session_factory)
    header, rows = interpreters(report, EN)
    assert header[2:] == [
        "Meetings with an interpreter",
        "Interpreter hours booked",
        "Interpreter hours in meetings held",
    ]
    with session_factory() as session:
        found = _rows(session, INTERPRETING_SQL)
    per_mission = [
        [mission, LANGUAGES[pair], count, round(booked / 60, 2), round(held / 60, 2)]
        for mission, pair, count, booked, held in found
    ]
    per_pair: dict[str, list[int]] = {}
    for _, pair, count, booked, held in found:
        sums = per_pair.setdefault(pair, [0, 0, 0])
        for index, value in enumerate((count, booked, held)):
            sums[index] += value
    in_all = [sum(column) for column in zip(*per_pair.values(), strict=True)]
    assert rows == [
        *per_mission,
        *[
            ["Test campaign", LANGUAGES[pair], count, round(booked / 60, 2), round(held / 60, 2)]
            for pair, (count, booked, held) in sorted(per_pair.items())
        ],
        ["Test campaign", "All languages", in_all[0], round(in_all[1] / 60, 2), round(in_all[2] / 60, 2)],
    ]
    # Osaka: m-1 (20 min, published); Tokyo (30 min slots): m-1 and m-4 held, m-2 no-show in English
    assert rows[-1] == ["Test campaign", "All languages", 4, 1.83, 1.0]


def test_the_agreements_tables_by_status_and_the_register(session_factory: sessionmaker[Session]) -> None:
    report, ids = _report(session_factory)
    header, rows = agreements(report, EN)
    assert header == ["Agreements", *MISSIONS, "Test campaign"]
    query = "SELECT COUNT(*) FROM agreement WHERE mission_id = :m AND status = '{status}'"
    with session_factory() as session:
        for row, status in zip(
            rows, ("draft", "negotiating", "signed", "in_force", "abandoned"), strict=False
        ):
            counts = [_count(session, query.format(status=status), ids[name]) for name in MISSIONS]
            assert row[1:] == [*counts, sum(counts)], status
        everything = [
            _count(session, "SELECT COUNT(*) FROM agreement WHERE mission_id = :m", ids[n]) for n in MISSIONS
        ]
    assert rows[-1] == ["Agreements in all", *everything, sum(everything)]
    assert agreement_register(report, EN) == (
        ["Agreement", "Mission", "Kind", "Status", "Signed on", "Parties"],
        [
            [
                "MoU on in-orbit servicing",
                "Test mission Osaka",
                "Memorandum of understanding",
                "Signed",
                "May 30, 2025",
                "LuxSat Services, Kansai Orbital KK",
            ],
            [
                "MoU on in-orbit servicing",
                "Test mission Tokyo",
                "Memorandum of understanding",
                "In force",
                "May 30, 2025",
                "LUXSAT services., Kansai Orbital KK",
            ],
            # counted, but its title and parties stay out of a report that may be handed round
            ["Confidential agreement", "Test mission Tokyo", "Contract", "Draft", None, ""],
        ],
    )


def test_the_workbook_has_a_sheet_per_table(sqlite_factory: sessionmaker[Session]) -> None:
    report, _ = _report(sqlite_factory)
    workbook = load_workbook(io.BytesIO(report_workbook(report, EN)))
    assert workbook.sheetnames == [
        "Figures by mission",
        "Participants and organisations ",
        "Programme and attendance",
        "Meetings from request to outcom",
        "Interpreter hours",
        "Satisfaction",
        "Follow-ups",
        "Agreements by status",
        "Agreements register",
    ]
    sheet = workbook["Meetings from request to outcom"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(max_row=3)] == [
        ["Meetings", *MISSIONS, "Test campaign"],
        ["Requested", 2, 3, 5],
        ["Accepted", 1, 1, 2],
    ]
