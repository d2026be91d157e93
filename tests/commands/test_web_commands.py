"""`missionmatch accounts create-organiser` and `missionmatch serve` (uvicorn replaced by a recorder)."""

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from missionmatch import migrate
from missionmatch.cli import app
from missionmatch.commands import serve
from missionmatch.db import make_engine, make_session_factory
from missionmatch.models import OrganiserAccount
from missionmatch.services import demo
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", url)
    monkeypatch.setenv("MISSIONMATCH_SECRET_KEY", "cli-test")
    mission = tmp_path / "mission.json"
    mission.write_text(json.dumps(small_mission(), ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(app, ["import", "mission", str(mission)]).exit_code == 0
    return url


def test_create_organiser_links_missions_and_prints_a_token(database: str) -> None:
    args = [
        "accounts",
        "create-organiser",
        "Chef@CC.lu",
        "--password",
        "long enough!",
        "--mission",
        "test-osaka",
    ]
    result = runner.invoke(app, [*args, "--api-token"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Organiser chef@cc.lu manages: test-osaka"
    assert re.fullmatch(r"API token: [\w-]{43}", result.output.splitlines()[1])
    engine = make_engine(database)
    with make_session_factory(engine)() as session:
        assert session.scalar(select(OrganiserAccount.email)) == "chef@cc.lu"


def test_create_organiser_refuses_short_passwords_and_unknown_missions(database: str) -> None:
    short = runner.invoke(app, ["accounts", "create-organiser", "a@b.lu", "--password", "elevenchars"])
    assert (short.exit_code, short.output) == (1, "Error: the password needs at least 12 characters.\n")
    unknown = runner.invoke(
        app, ["accounts", "create-organiser", "a@b.lu", "--password", "long enough!", "-m", "x"]
    )
    assert unknown.exit_code == 1


def test_serve_demo_prints_the_sign_ins_and_starts_uvicorn(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, str, int, int, bool]] = []
    monkeypatch.setenv("MISSIONMATCH_BASE_URL", "http://127.0.0.1:8123")  # restored after the test
    monkeypatch.setattr(
        "uvicorn.run",
        lambda app, factory, host, port, workers, proxy_headers, **_: started.append(
            (app, host, port, workers, proxy_headers)
        ),
    )
    # the demo campaign files belong to the foundation; the small mission stands in for them here
    monkeypatch.setattr(
        demo, "load_demo", lambda session: [import_mission(session, small_mission(), replace=True)]
    )
    result = runner.invoke(app, ["serve", "--demo", "--port", "8123"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(
        r"Organiser: organiser@demo\.missionmatch  password: \S+  \(http://127.0.0.1:8123/login\)", lines[0]
    )
    assert re.fullmatch(
        r"Participant Anne Muller \(LuxSat Services\): http://127.0.0.1:8123/login/link/\S+", lines[1]
    )
    assert re.fullmatch(
        r"Participant 太郎 山田 \(Kansai Orbital KK\): http://127.0.0.1:8123/login/link/\S+", lines[2]
    )
    assert (lines[3], started) == (
        "missionmatch at http://127.0.0.1:8123/ (1 worker process)",
        [(serve.APP_FACTORY, "127.0.0.1", 8123, 1, False)],
    )
    assert migrate.current_revision(make_engine(database)) == migrate.head_revision()
