"""missionmatch export day-documents MISSION --session KEY|ID --format pdf|xlsx --out DIR."""

import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.migrate import upgrade
from missionmatch.services.mission_import import import_mission
from tests.services.test_day_documents import day_mission

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    with transaction(make_session_factory(engine)) as db:
        import_mission(db, day_mission())
    engine.dispose()


def _export(*options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", "day-documents", "test-osaka", *options])
    return result.exit_code, result.output


def test_pdf_writes_the_plan_the_door_lists_and_the_check_in_sheet(database: None, tmp_path: Path) -> None:
    out = tmp_path / "day"
    assert _export("--session", "b2b-1", "--out", str(out), "--language", "ja") == (
        0,
        f"Wrote 5 files to {out}\n",
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "cards.pdf",
        "checkin.pdf",
        "doors.pdf",
        "plan.pdf",
        "rota.pdf",
    ]
    text = subprocess.run(["pdftotext", str(out / "doors.pdf"), "-"], capture_output=True, text=True).stdout
    assert "テーブル 2" in text and "太郎 山田" in text and "Jonas Weber" not in text  # published only


def test_xlsx_of_the_draft_by_session_id(database: None, tmp_path: Path) -> None:
    out = tmp_path / "xlsx"
    code, _ = _export("--session", "1", "--format", "xlsx", "--draft", "--out", str(out))
    assert code == 0
    book = load_workbook(io.BytesIO((out / "checkin.xlsx").read_bytes()))
    names = [row[1] for row in book["Check-in"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Anne Muller", "Hanako Sato", "Jonas Weber", "太郎 山田"]


def test_an_unknown_session_is_an_error_naming_the_sessions(database: None, tmp_path: Path) -> None:
    code, output = _export("--session", "b2b-9", "--out", str(tmp_path / "x"))
    assert (code, output) == (1, "Error: test-osaka has no B2B session 'b2b-9' (its sessions: b2b-1)\n")
    assert not (tmp_path / "x").exists()
