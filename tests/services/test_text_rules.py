"""Field sizes and control characters: refused on import (naming the row and the column) and in mission
documents (naming the place and the field), never a 500 nor a NUL byte stored."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Participant
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_import import import_mission
from missionmatch.services.participant_import import import_participants
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.text_rules import document_problems, text_problem
from tests.factories import small_mission

HEADER = "email,first_name,last_name,organisation,side,offers\n"


@pytest.fixture
def mission_factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _rejected(factory: sessionmaker[Session], path: Path) -> list[str]:
    with pytest.raises(InputRejected) as rejected, transaction(factory) as session:
        import_participants(session, session.scalar(select(Mission)), path)
    with factory() as session:
        assert session.scalar(select(func.count(Participant.id))) == 4  # the fixture's, nothing more
    return [str(problem) for problem in rejected.value.problems]


def test_a_200000_character_csv_field_is_refused_naming_row_and_column(mission_factory, tmp_path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        HEADER
        + "a@lux.example.lu,Marie,Klein,LuxQuantum,delegation,fine\n"
        + f"b@lux.example.lu,Jean,{'x' * 200_000},LuxQuantum,delegation,\n",
        encoding="utf-8",
    )
    assert _rejected(mission_factory, path) == [
        "row 3, last_name: is 200,000 characters long; at most 100 are allowed"
    ]


def test_nul_bytes_in_a_csv_are_refused_and_not_stored(mission_factory, tmp_path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        HEADER + 'a@lux.example.lu,Ma\x00rie,Klein,LuxQuantum,delegation,"one\nand\ttwo"\n', encoding="utf-8"
    )
    assert _rejected(mission_factory, path) == [
        "row 2, first_name: contains a control character (U+0000) at position 3"
    ]


def test_line_breaks_and_tabs_are_kept_in_long_text_only() -> None:
    assert text_problem("one\nand\ttwo", "offers") is None
    assert text_problem("Ma\nrie", "first_name") == "contains a control character (U+000A) at position 3"
    assert text_problem("esc \x1b[31m", "offers") == "contains a control character (U+001B) at position 5"
    assert text_problem("\x85", "needs") == "contains a control character (U+0085) at position 1"
    assert text_problem("é" * 4000, "needs") is None
    assert text_problem("é" * 4001, "needs") == "is 4,001 characters long; at most 4,000 are allowed"


def test_mission_documents_are_checked_field_by_field() -> None:
    document = small_mission()
    document["participants"][1]["first_name"] = "Jo\x00nas"
    document["organisations"][0]["description"] = "d" * 4001
    document["participants"][0]["profile"]["sectors"] = ["space", "\x07"]
    problems = validate(document)
    assert [p for p in problems if "control" in p.reason or "long" in p.reason] == [
        Problem("organisations[0]", "description", "is 4,001 characters long; at most 4,000 are allowed"),
        Problem(
            "participants[0].profile", "sectors[1]", "contains a control character (U+0007) at position 1"
        ),
        Problem("participants[1]", "first_name", "contains a control character (U+0000) at position 3"),
    ]


def test_field_names_of_a_body_are_checked_too() -> None:
    assert document_problems({"a\x00b": 1, "ok": ["x" * 10_001]}) == [
        Problem("body", "(a field name)", "contains a control character (U+0000) at position 2"),
        Problem("body", "ok[0]", "is 10,001 characters long; at most 10,000 are allowed"),
    ]


def test_the_small_mission_document_passes_the_rules() -> None:
    assert document_problems(small_mission()) == []
