"""The day documents of a B2B session as PDF (read back with pdftotext) and as workbooks whose cells are
the service's rows."""

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.day_pdf import day_pdf
from missionmatch.exports.day_tables import sheets
from missionmatch.exports.tables import to_xlsx
from missionmatch.i18n import Translator
from missionmatch.models import B2BSession, Meeting
from missionmatch.services.day_documents import DayDocuments, day_documents
from missionmatch.services.mission_import import import_mission
from tests.services.test_day_documents import day_mission

EN, JA = Translator("en"), Translator("ja")


@pytest.fixture
def draft(sqlite_factory: sessionmaker[Session]) -> Iterator[DayDocuments]:
    """The draft of the test mission: m-1 at 14:40 table 2, Jonas and Hanako at 15:40 table 1."""
    with transaction(sqlite_factory) as db:
        import_mission(db, day_mission())
    with sqlite_factory() as db:  # open while a test reads the session's interpreters and people
        yield day_documents(db, db.scalars(select(B2BSession)).one(), draft=True)


def _text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    options = ["-layout"] if layout else []
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    return _text(pdf, tmp_path).split("\f")[:-1]


def _size(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "size.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(" ".join(line.split()) for line in info.splitlines() if line.startswith("Page size:"))


def _cells(workbook: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(workbook))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets
    }


def test_the_plan_workbook_is_the_grid_with_names_companies_and_interpreters(draft: DayDocuments) -> None:
    cells = _cells(to_xlsx(sheets(EN, draft, "plan")))
    assert cells == {
        "Table plan": [
            ["Time", "Table 1", "Table 2", "Table 3", "Table 4"],
            ["14:00–14:20", None, None, None, None],
            ["14:20–14:40", None, None, None, None],
            [
                "14:40–15:00",
                None,
                "Anne Muller (LuxSat Services)\n太郎 山田 (Kansai Orbital KK)\n"
                "Hanako Sato (Kansai Orbital KK)\nInterpreter: French–Japanese",
                None,
                None,
            ],
            ["15:20–15:40", None, None, None, None],
            [
                "15:40–16:00",
                "Jonas Weber (Santé Data Lux)\nHanako Sato (Kansai Orbital KK)",
                None,
                None,
                None,
            ],
            ["16:00–16:20", None, None, None, None],
        ]
    }
    assert [row[0] for row in cells["Table plan"][1:]] == [row.time for row in draft.grid]


def test_door_and_check_in_workbooks_have_the_services_rows(draft: DayDocuments) -> None:
    doors = _cells(to_xlsx(sheets(EN, draft, "doors")))
    assert doors == {
        "Table 1": [
            ["Time", "Delegation", "Hosts", "Interpreter"],
            ["15:40–16:00", "Jonas Weber (Santé Data Lux)", "Hanako Sato (Kansai Orbital KK)", None],
        ],
        "Table 2": [
            ["Time", "Delegation", "Hosts", "Interpreter"],
            [
                "14:40–15:00",
                "Anne Muller (LuxSat Services)",
                "太郎 山田 (Kansai Orbital KK)\nHanako Sato (Kansai Orbital KK)",
                "French–Japanese",
            ],
        ],
    }
    check_in = _cells(to_xlsx(sheets(EN, draft, "checkin")))["Check-in"]
    assert check_in[0] == ["Present", "Name", "Organisation", "First meeting", "Table", "Meetings"]
    assert check_in[1:] == [
        [None, c.attendee.name, c.attendee.company, c.first_time, c.first_table, c.meetings]
        for c in draft.check_in
    ]
    assert check_in[2] == [None, "Hanako Sato", "Kansai Orbital KK", "14:40", 2, 2]


def test_the_plan_pdf_is_a4_landscape_with_every_name(draft: DayDocuments, tmp_path: Path) -> None:
    pdf = day_pdf(EN, draft, "plan", "Test mission Osaka", "Asia/Tokyo")
    assert _size(pdf, tmp_path) == "Page size: 841.89 x 595.276 pts (A4)"
    text = _text(pdf, tmp_path)
    for expected in [
        "Table plan",
        "DRAFT SCHEDULE",
        "15:20–15:40",
        "Table 4",
        "Anne Muller",
        "山田",
        "Jonas Weber",
    ]:
        assert expected in text, expected
    assert "LuxSat" in text and "Santé Data Lux" in text


def test_door_lists_take_one_page_per_table_with_both_sides(draft: DayDocuments, tmp_path: Path) -> None:
    pdf = day_pdf(JA, draft, "doors", "Test mission Osaka", "Asia/Tokyo")
    assert _size(pdf, tmp_path) == "Page size: 595.276 x 841.89 pts (A4)"
    pages = _pages(pdf, tmp_path)
    assert len(pages) == 2
    assert "テーブル 1" in pages[0] and "Jonas Weber" in pages[0] and "Anne Muller" not in pages[0]
    assert "テーブル 2" in pages[1] and "Anne Muller" in pages[1] and "太郎 山田" in pages[1]


def test_the_check_in_sheet_lists_everyone_once_with_their_first_meeting(
    draft: DayDocuments, tmp_path: Path
) -> None:
    pdf = day_pdf(EN, draft, "checkin", "Test mission Osaka", "Asia/Tokyo")
    lines = [" ".join(line.split()) for line in _text(pdf, tmp_path, layout=True).splitlines()]
    people = [line for line in lines if line.endswith((" 1", " 2")) and ":" in line]
    assert people == [
        "Anne Muller LuxSat Services 14:40 2 1",
        "Hanako Sato Kansai Orbital KK 14:40 2 2",
        "Jonas Weber Santé Data Lux 15:40 1 1",
        "太郎 山田 Kansai Orbital KK 14:40 2 1",
    ]


def test_the_rota_workbook_and_pdf_send_the_interpreter_to_the_table(
    draft: DayDocuments, tmp_path: Path
) -> None:
    assert _cells(to_xlsx(sheets(EN, draft, "rota"))) == {
        "Interpreter rota": [
            ["Time", "Languages", "Tables", "Interpreters needed", "Interpreters available"],
            ["14:40–15:00", "French–Japanese", "2", 1, 1],
        ]
    }
    text = _text(day_pdf(EN, draft, "rota", "Test mission Osaka", "Asia/Tokyo"), tmp_path)
    assert "Interpreter rota" in text and "French–Japanese" in text and "14:40–15:00" in text


def test_table_cards_take_one_landscape_page_per_table_with_its_keepers(
    draft: DayDocuments, tmp_path: Path
) -> None:
    assert _cells(to_xlsx(sheets(EN, draft, "cards")))["Table cards"][1:] == [
        ["Table 1", None],
        ["Table 2", "Hanako Sato (Kansai Orbital KK)\n太郎 山田 (Kansai Orbital KK)"],
        ["Table 3", None],
        ["Table 4", None],
    ]
    pdf = day_pdf(EN, draft, "cards", "Test mission Osaka", "Asia/Tokyo")
    assert _size(pdf, tmp_path) == "Page size: 841.89 x 595.276 pts (A4)"
    pages = _pages(pdf, tmp_path)
    assert len(pages) == 4
    assert "Table 2" in pages[1] and "Hanako Sato" in pages[1] and "Hanako Sato" not in pages[0]


def test_a_name_that_looks_like_a_formula_stays_text(sqlite_factory: sessionmaker[Session]) -> None:
    document = day_mission()
    document["participants"][0]["first_name"] = '=HYPERLINK("http://evil.example","x")'
    with transaction(sqlite_factory) as db:
        import_mission(db, document)
    with sqlite_factory() as db:
        documents = day_documents(db, db.scalars(select(B2BSession)).one())
        check_in = load_workbook(io.BytesIO(to_xlsx(sheets(EN, documents, "checkin")))).active
    cell = check_in.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example","x") Muller', "s")


@pytest.fixture
def off_plan(sqlite_factory: sessionmaker[Session]) -> Iterator[DayDocuments]:
    """The draft with m-1 given no table and the session shrunk to 4 slots (the draft, slot 5, beyond)."""
    with transaction(sqlite_factory) as db:
        import_mission(db, day_mission())
        b2b = db.scalars(select(B2BSession)).one()
        b2b.slot_count = 4
        db.scalars(select(Meeting).where(Meeting.key == "m-1")).one().table = None
    with sqlite_factory() as db:
        yield day_documents(db, db.scalars(select(B2BSession)).one(), draft=True)


def test_the_plan_and_door_lists_show_the_meetings_the_grid_cannot(
    off_plan: DayDocuments, tmp_path: Path
) -> None:
    rows = [
        ["Time", "Table", "Delegation", "Hosts", "Interpreter", "Why"],
        [
            "14:40–15:00",
            "–",
            "Anne Muller (LuxSat Services)",
            "太郎 山田 (Kansai Orbital KK)\nHanako Sato (Kansai Orbital KK)",
            "French–Japanese",
            "No table given",
        ],
        [
            "–",
            1,
            "Jonas Weber (Santé Data Lux)",
            "Hanako Sato (Kansai Orbital KK)",
            None,
            "Slot 5 is beyond the session's 4 slots",
        ],
    ]
    for kind, first in (("plan", "Table plan"), ("doors", "Door lists")):
        cells = _cells(to_xlsx(sheets(EN, off_plan, kind)))
        assert list(cells) == [first, "Not on the plan"], kind
        assert cells["Not on the plan"] == rows, kind
        pages = _pages(day_pdf(EN, off_plan, kind, "Osaka", "Asia/Tokyo"), tmp_path)
        last = " ".join(pages[-1].split())
        assert "Meetings without a table or outside the session's slots" in last, kind
        for words in ("Anne Muller", "Jonas Weber", "No table given", "Slot 5 is beyond the session's 4"):
            assert words in last, (kind, words)
    # m-1 has a slot but no table: the desk still expects its people, and its interpreter is still needed
    assert _cells(to_xlsx(sheets(EN, off_plan, "checkin"))) == {
        "Check-in": [
            ["Present", "Name", "Organisation", "First meeting", "Table", "Meetings"],
            [None, "Anne Muller", "LuxSat Services", "14:40", "–", 1],
            [None, "Hanako Sato", "Kansai Orbital KK", "14:40", "–", 1],
            [None, "太郎 山田", "Kansai Orbital KK", "14:40", "–", 1],
        ]
    }
    rota = _cells(to_xlsx(sheets(EN, off_plan, "rota")))["Interpreter rota"]
    assert rota[1][1:] == ["French–Japanese", "1 without a table", 1, 1]


def test_the_off_plan_list_speaks_french_and_japanese(off_plan: DayDocuments) -> None:
    french = _cells(to_xlsx(sheets(Translator("fr"), off_plan, "plan")))
    assert list(french)[1] == "Hors du plan"
    assert french["Hors du plan"][1][-1] == "Aucune table attribuée"
    japanese = _cells(to_xlsx(sheets(JA, off_plan, "plan")))
    assert len(japanese) == 2 and "Japanese" not in str(japanese)
