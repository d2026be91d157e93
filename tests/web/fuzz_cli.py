"""Schemathesis's command line against a live server, with tests/web/schemathesis.toml, and its JUnit report:
for tests/web/test_api_fuzz.py (bounded) and scripts/fuzz_api.py (large)."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.web.fuzz_server import LiveServer

CONFIG = Path(__file__).with_name("schemathesis.toml")
REPO_ROOT = Path(__file__).resolve().parents[2]


def run_schemathesis(
    server: LiveServer, token: str, examples: int, report: Path, extra: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """A run over the whole API with this token; the JUnit report (a test case per operation) in `report`."""
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color"),
        *("run", server.schema_url, "--max-examples", str(examples)),
        *("--report", "junit", "--report-junit-path", str(report), "--output-truncate", "false"),
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
