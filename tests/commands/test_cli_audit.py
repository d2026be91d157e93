"""What a command writes is in the audit log as done from the command line."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.db import make_engine, make_session_factory
from missionmatch.models import AuditEntry
from missionmatch.models.audit_actor import SYSTEM, current_actor
from tests.factories import small_mission

runner = CliRunner()


def test_an_imported_mission_is_recorded_as_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "cli.db"
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", f"sqlite:///{database}")
    document = tmp_path / "mission.json"
    document.write_text(json.dumps(small_mission(), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["import", "mission", str(document)])
    assert result.exit_code == 0, result.output
    factory = make_session_factory(make_engine(f"sqlite:///{database}"))
    with factory() as session:
        kinds = set(session.scalars(select(AuditEntry.actor_kind)))
        assert kinds == {"cli"}
        assert current_actor(session) == SYSTEM  # the command's actor ended with it
