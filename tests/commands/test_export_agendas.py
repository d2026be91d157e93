"""missionmatch export agendas MISSION --format pdf|ics --out DIR."""

import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.db import make_engine, make_session_factory
from missionmatch.migrate import upgrade
from tests.agenda_world import published_mission

runner = CliRunner()
KEYS = ["p-1", "p-2", "p-3", "p-4"]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    published_mission(make_session_factory(engine))
    engine.dispose()


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_pdf_export_writes_one_file_per_participant_key_and_all_pdf(database: None, tmp_path: Path) -> None:
    out = tmp_path / "agendas"
    result = runner.invoke(app, ["export", "agendas", "test-osaka", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 5 files to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == sorted([*(f"{k}.pdf" for k in KEYS), "all.pdf"])
    assert _pages(out / "all.pdf") == sum(_pages(out / f"{k}.pdf") for k in KEYS)
    text = subprocess.run(["pdftotext", str(out / "p-3.pdf"), "-"], capture_output=True, text=True).stdout
    assert "山田 太郎" in text and "テーブル 2" in text  # in the participant's own language


def test_ics_export_writes_one_calendar_per_participant_key(database: None, tmp_path: Path) -> None:
    out = tmp_path / "ics"
    result = runner.invoke(
        app, ["export", "agendas", "Test mission Osaka", "--format", "ics", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{k}.ics" for k in KEYS]
    events = Calendar.from_ical((out / "p-4.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == [
        "meeting-m-1@test-osaka.missionmatch",
        "meeting-m-2@test-osaka.missionmatch",
    ]


def test_an_unknown_mission_is_an_error(database: None, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "agendas", "nowhere", "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert not (tmp_path / "x").exists()
