import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from missionmatch.cli import app
from tests.conftest import SHARED
from tests.scheduling.sched_helpers import bench

runner = CliRunner()
BENCHMARK = SHARED / "benchmarks" / "b2b-jair2022"


def test_solve_proves_the_benchmark_optimum_and_the_referee_agrees(tmp_path: Path) -> None:
    instance = bench("original", "forum-14")  # skipped, like the solver tests, where ../shared is absent
    out = tmp_path / "solution.json"
    # a proof takes seconds on a quiet machine; the generous limit only keeps a loaded CI machine from
    # failing it (the per-test timeout is 300 s): speed is measured in benchmarks/, not here
    result = runner.invoke(
        app, ["solve", str(instance), "--fairness", "2", "--time-limit", "240", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    solution = json.loads(out.read_text())
    assert (solution["instance"], solution["status"], solution["objective"]) == (
        "forum-14.original",
        "optimal",
        2,
    )
    referee = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "check_schedule.py"),
            str(instance),
            str(out),
            "--fairness",
            "2",
            "--best-known",
            str(BENCHMARK / "best_known.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "VALID objective=2 status=optimal" in referee.stdout


def test_a_malformed_instance_exits_with_code_2(tmp_path: Path) -> None:
    instance = tmp_path / "broken.json"
    instance.write_text('{"n_participants": 2, "meetings": [[0, 5]]}')
    result = runner.invoke(app, ["solve", str(instance), "--out", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert not (tmp_path / "out.json").exists()
