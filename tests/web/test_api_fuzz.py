"""Issue 9: schemathesis over the whole /api/v1, against a real server on loopback (demo mission osaka-1,
published, on a temporary SQLite database of its own), once with an organiser's token and once with a
participant's: every check (no server error, status codes, bodies, headers and content types as the schema
says, schema-invalid input refused and valid input accepted, 405s, authentication), every phase (boundary
values, fuzzing, stateful chains through the inferred links). Bounded and repeatable: deterministic
generation, a few examples per operation and phase (the large run is scripts/fuzz_api.py)."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.fuzz_cli import junit_outcomes, run_schemathesis
from tests.web.fuzz_server import LiveServer, live_server

EXAMPLES = 10  # per operation and phase: the two runs take 1 to 2 minutes on 2 cores


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("fuzz")) as running:
        yield running


@pytest.mark.slow
@pytest.mark.timeout(900)  # a bounded run, but a loaded 2-core machine can take several minutes per role
@pytest.mark.parametrize("role", ["organiser", "participant"])
def test_the_whole_api_conforms_to_its_schema(server: LiveServer, role: str, tmp_path: Path) -> None:
    token = server.organiser_token if role == "organiser" else server.participant_token
    schema = httpx.get(server.schema_url, timeout=60).json()  # the first schema build is slow under load
    operations = sum(len(methods) for methods in schema["paths"].values())  # every one is fuzzed
    errors_before, served_before = server.statuses.server_errors(), server.statuses.total()
    report = tmp_path / "junit.xml"
    result = run_schemathesis(server, token, EXAMPLES, report)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output  # the failing cases, each with a curl line to reproduce it
    outcomes = junit_outcomes(report)
    assert (len(outcomes), outcomes["Stateful tests"]) == (operations + 1, "passed"), output
    assert set(outcomes.values()) == {"passed"}, output
    assert server.statuses.server_errors() == errors_before  # counted by the server itself
    assert server.statuses.total() - served_before > operations * EXAMPLES
