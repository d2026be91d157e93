"""Issue 9: schemathesis over the whole /api/v1, against a real server on loopback (demo mission osaka-1,
published, on a temporary SQLite database of its own), once with an organiser's token and once with a
participant's: every check (no server error, status codes, bodies, headers and content types as the schema
says, schema-invalid input refused and valid input accepted, 405s, authentication), every phase (boundary
values, fuzzing, stateful chains through the inferred links). Bounded and repeatable: deterministic
generation, a few examples per operation and phase (the large run is scripts/fuzz_api.py)."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.live_server import LiveServer, live_server

CONFIG = Path(__file__).with_name("schemathesis.toml")
REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 10  # per operation and phase: the two runs take about two minutes on 2 cores
OPERATIONS = 22


def run_schemathesis(
    server: LiveServer, token: str, examples: int, report: Path, extra: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The CLI with tests/web/schemathesis.toml; a JUnit report (one test case per operation) in `report`."""
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        server.schema_url,
        "--max-examples",
        str(examples),
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
        "--output-truncate",
        "false",
        *extra,
    ]
    environment = {**os.environ, "MISSIONMATCH_FUZZ_TOKEN": token}
    return subprocess.run(
        command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, check=False
    )


def junit_outcomes(report: Path) -> dict[str, str]:
    """Each test case of the report (an operation, or "Stateful tests") and how it ended."""
    outcomes = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        failed = [tag for tag in ("failure", "error", "skipped") if case.find(tag) is not None]
        outcomes[case.attrib["name"]] = failed[0] if failed else "passed"
    return outcomes


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("fuzz")) as running:
        yield running


@pytest.mark.slow
@pytest.mark.parametrize("role", ["organiser", "participant"])
def test_the_whole_api_conforms_to_its_schema(server: LiveServer, role: str, tmp_path: Path) -> None:
    token = server.organiser_token if role == "organiser" else server.participant_token
    before = server.statuses.server_errors()
    report = tmp_path / "junit.xml"
    result = run_schemathesis(server, token, EXAMPLES, report)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output  # the failing cases, each with a curl line to reproduce it
    outcomes = junit_outcomes(report)
    assert (len(outcomes), outcomes["Stateful tests"]) == (OPERATIONS + 1, "passed"), output
    assert set(outcomes.values()) == {"passed"}, output
    assert server.statuses.server_errors() == before
    assert sum(server.statuses.counts.values()) > OPERATIONS * EXAMPLES
