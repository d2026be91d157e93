"""The mission workbook: people, organisations, one sheet per B2B session at real times, the programme."""

import datetime as dt
from io import BytesIO

from openpyxl import load_workbook

from missionmatch.exports.excel import mission_workbook
from tests.factories import small_mission


def _rows(data: bytes, sheet: str) -> list[tuple[object, ...]]:
    return list(load_workbook(BytesIO(data))[sheet].iter_rows(values_only=True))


def test_sheets_are_people_organisations_each_session_and_the_programme() -> None:
    document = small_mission()
    document["b2b_sessions"].append({**document["b2b_sessions"][0], "key": "b2b-2", "name": "B2B: day 2/3"})
    workbook = load_workbook(BytesIO(mission_workbook(document)))
    assert workbook.sheetnames == [
        "Participants",
        "Organisations",
        "B2B afternoon",
        "B2B day 2 3",
        "Programme",
    ]
    assert [workbook[name].freeze_panes for name in workbook.sheetnames] == ["A2"] * 5
    assert workbook["Participants"].column_dimensions["E"].width == 31  # the longest e-mail, plus 2


def test_participants_sheet_has_names_companies_limits_and_the_key_last() -> None:
    assert _rows(mission_workbook(small_mission()), "Participants") == [
        (
            "First name",
            "Last name",
            "Company",
            "Side",
            "E-mail",
            "Job title",
            "Languages",
            "Min meetings",
            "Max meetings",
            "Hosted table",
            "Key",
        ),
        (
            "Anne",
            "Muller",
            "LuxSat Services",
            "Delegation",
            "Anne.Muller@luxsat.example.lu",
            "CEO",
            "fr, de, en",
            0,
            5,
            None,
            "p-1",
        ),
        (
            "Jonas",
            "Weber",
            "Santé Data Lux",
            "Delegation",
            "jonas.weber@sante.example.lu",
            "CTO",
            "de, en",
            None,
            None,
            None,
            "p-2",
        ),
        (
            "太郎",
            "山田",
            "Kansai Orbital KK",
            "Host",
            "yamada@orbital.example.jp",
            "部長",
            "ja",
            None,
            None,
            2,
            "p-3",
        ),
        (
            "Hanako",
            "Sato",
            "Kansai Orbital KK",
            "Host",
            "sato@orbital.example.jp",
            "Engineer",
            "ja, en",
            None,
            None,
            2,
            "p-4",
        ),
    ]


def test_session_sheet_has_a_meeting_per_row_at_its_wall_time_after_breaks() -> None:
    document = small_mission()
    later = {**document["meetings"][0], "key": "m-2", "participants": ["p-2", "p-4"], "slot": 4, "table": 3}
    document["meetings"].append({**later, "interpreter": None, "status": "no_show"})
    assert _rows(mission_workbook(document), "B2B afternoon") == [
        (
            "Date",
            "Time",
            "Table",
            "Delegation participant",
            "Delegation company",
            "Host participant",
            "Host company",
            "Interpreter",
            "Status",
            "Key",
        ),
        (
            dt.datetime(2025, 5, 27),
            "14:40–15:00",
            1,
            "Anne Muller",
            "LuxSat Services",
            "山田 太郎, Hanako Sato",
            "Kansai Orbital KK",
            "fr-ja",
            "Published",
            "m-1",
        ),
        # slot 4 comes after the 20-minute break that follows slot 3
        (
            dt.datetime(2025, 5, 27),
            "15:40–16:00",
            3,
            "Jonas Weber",
            "Santé Data Lux",
            "Hanako Sato",
            "Kansai Orbital KK",
            None,
            "No-show",
            "m-2",
        ),
    ]


def test_headers_statuses_and_sheet_names_speak_the_workbook_language() -> None:
    french = mission_workbook(small_mission(), language="fr")
    assert load_workbook(BytesIO(french)).sheetnames == [
        "Participants",
        "Organisations",
        "B2B afternoon",
        "Programme",
    ]
    assert _rows(french, "Participants")[0][:5] == (
        "Prénom",
        "Nom de famille",
        "Entreprise",
        "Partie",
        "E-mail",
    )
    assert _rows(french, "B2B afternoon")[1][8] == "Publié"
    japanese = mission_workbook(small_mission(), language="ja")
    assert load_workbook(BytesIO(japanese)).sheetnames == ["参加者", "組織", "B2B afternoon", "プログラム"]
    assert _rows(japanese, "参加者")[3][:4] == ("太郎", "山田", "Kansai Orbital KK", "受入側")
    assert _rows(japanese, "プログラム")[2] == (
        dt.datetime(2025, 5, 28),
        "14:00–16:00",
        "企業訪問",
        "Visit of Kansai Orbital",
        "Kyoto",
        "HQ",
        2,
        "visit-1",
    )


def test_organisations_sheet() -> None:
    assert _rows(mission_workbook(small_mission()), "Organisations")[1:] == [
        ("LuxSat Services", "Delegation", "LU", "Betzdorf", "Space", "https://luxsat.example.lu", "lu-sat"),
        (
            "Santé Data Lux",
            "Delegation",
            "LU",
            "Esch",
            "Health & medtech, Artificial intelligence",
            None,
            "lu-health",
        ),
        ("Kansai Orbital KK", "Host", "JP", "Kyoto", "Space", None, "jp-orbital"),
    ]
