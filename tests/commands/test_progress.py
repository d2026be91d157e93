"""Long commands show progress: a bar on a terminal, plain lines in a log, from the services' stages."""

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.commands._progress import progress_display
from missionmatch.services.scheduling_run import solver_progress
from tests.factories import small_mission


def test_plain_lines_name_each_stage_once_and_the_solvers_numbers() -> None:
    log = io.StringIO()
    with progress_display("schedule osaka-1", stream=log, terminal=False) as progress:
        progress(stage="snapshot")
        solver_progress(progress)("[cp-sat] weight: best=12 bound=9 elapsed=0.1s")
        solver_progress(progress)("[cp-sat] weight: best=11 bound=9 elapsed=0.2s")  # within 2 s: not repeated
        progress(stage="applying")
    lines = [line.rsplit(" (", 1)[0] for line in log.getvalue().splitlines()]
    assert lines == [
        "schedule osaka-1: reading the mission",
        "schedule osaka-1: solving (cp-sat), best 12, bound 9",
        "schedule osaka-1: writing the draft",
    ]


def test_a_terminal_gets_a_bar_with_the_stage_best_and_bound() -> None:
    screen = io.StringIO()
    with progress_display("schedule osaka-1", stream=screen, terminal=True) as progress:
        progress(stage="solving", best=12.0, bound=9.0)
    shown = screen.getvalue()
    assert "\x1b[" in shown  # drawn with terminal control sequences
    assert "schedule osaka-1" in shown and "solving, best 12, bound 9" in shown


def test_the_schedule_command_reports_its_stages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"][1]["status"] = "accepted"
    path = tmp_path / "mission.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", "mission", str(path)]).exit_code == 0
    result = runner.invoke(app, ["schedule", "test-osaka", "--time-limit", "3", "--workers", "1"])
    assert result.exit_code == 0, result.output
    stages = [line.split(": ", 1)[1].split(" (")[0] for line in result.stderr.splitlines()]
    assert stages[0] == "reading the mission" and stages[-1] == "writing the draft"
    assert "solving" in stages[1]
    exported = runner.invoke(app, ["export", "mission", "test-osaka", "-o", str(tmp_path / "out.json")])
    assert [line.split(" (")[0] for line in exported.stderr.splitlines()] == [
        "export test-osaka: reading",
        "export test-osaka: writing",
    ]
