"""The large API fuzz run (issue 9), outside the test suite: the same setup and configuration as
tests/web/test_api_fuzz.py (a live server on loopback, demo mission osaka-1 on a temporary SQLite database,
tests/web/schemathesis.toml with every check and phase), with many more examples per operation, once with an
organiser's token and once with a participant's. Prints, per role, schemathesis's summary, the operations
that did not pass, and what the server itself answered (requests by status code).

Usage: `.venv/bin/python scripts/fuzz_api.py [EXAMPLES]` (default 500 per operation and phase). Exit code 1
when any operation did not pass or the server answered a 5xx."""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web.fuzz_cli import junit_outcomes, run_schemathesis
from tests.web.fuzz_server import LiveServer, live_server

DEFAULT_EXAMPLES = 500


def _summary(output: str) -> str:
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if "SUMMARY" in line), max(len(lines) - 30, 0))
    return "\n".join(lines[start:])


def _role(server: LiveServer, role: str, token: str, examples: int, folder: Path) -> bool:
    served_before = dict(server.statuses.counts)
    started = time.monotonic()
    report = folder / f"junit-{role}.xml"
    result = run_schemathesis(server, token, examples, report)
    seconds = time.monotonic() - started
    served = {
        status: n - served_before.get(status, 0)
        for status, n in sorted(server.statuses.counts.items())
        if n - served_before.get(status, 0)
    }
    outcomes = junit_outcomes(report) if report.exists() else {}
    not_passed = {name: how for name, how in outcomes.items() if how != "passed"}
    print(f"== {role}: {sum(served.values())} requests in {seconds:.0f} s; by status {served}")
    print(_summary(result.stdout + result.stderr))
    if not_passed or result.returncode:
        print(result.stdout + result.stderr)
        print(f"not passed: {not_passed or 'see above'}")
    return not not_passed and result.returncode == 0 and not any(status >= 500 for status in served)


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_EXAMPLES
    with tempfile.TemporaryDirectory() as folder, live_server(Path(folder)) as server:
        roles = (("organiser", server.organiser_token), ("participant", server.participant_token))
        passed = [_role(server, role, token, examples, Path(folder)) for role, token in roles]
        total = server.statuses.total()
        print(f"== total: {total} requests, {server.statuses.server_errors()} server errors")
    return 0 if all(passed) else 1


if __name__ == "__main__":
    sys.exit(main())
