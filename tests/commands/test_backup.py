"""`missionmatch backup` / `restore`: a round trip on SQLite and on PostgreSQL gives back exactly what was
backed up, whatever was written in between."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.db import make_session_factory, transaction
from missionmatch.models import Mission
from missionmatch.services.mission_export import export_mission
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission

runner = CliRunner()


def _missions(engine: Engine) -> dict[str, dict]:
    with make_session_factory(engine)() as session:
        return {m.slug: export_mission(session, m) for m in session.scalars(select(Mission))}


def test_backup_then_restore_gives_back_the_database_as_it_was(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    with transaction(make_session_factory(engine)) as session:
        import_mission(session, small_mission())
    before = _missions(engine)
    file = tmp_path / "backups" / "missionmatch.backup"

    made = runner.invoke(app, ["backup", str(file)])
    assert made.exit_code == 0, made.output
    assert made.output.startswith(f"Backup written to {file} (")
    # after the backup: one mission more, one mission changed
    with transaction(make_session_factory(engine)) as session:
        import_mission(session, small_mission(name="Added after the backup", slug="added"))
        session.scalar(select(Mission).where(Mission.slug == "test-osaka")).name = "Renamed"
    assert set(_missions(engine)) == {"test-osaka", "added"}

    restored = runner.invoke(app, ["restore", str(file), "--yes"])
    assert (restored.exit_code, restored.output) == (0, f"Restored from {file}\n")
    engine.dispose()  # connections opened before the restore may still see the old pages
    assert _missions(engine) == before


def test_restore_refuses_a_backup_of_the_other_kind_of_database(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    wrong = tmp_path / "wrong.backup"
    if engine.dialect.name == "sqlite":
        wrong.write_bytes(b"PGDMP\x01\x0e\x00")
        expected = f"Error: {wrong} is not a SQLite backup (it is postgresql); the database is SQLite\n"
    else:
        wrong.write_bytes(b"SQLite format 3\x00" + bytes(100))
        expected = f"Error: {wrong} is not a pg_dump backup (it is sqlite); the database is PostgreSQL\n"
    refused = runner.invoke(app, ["restore", str(wrong), "--yes"])
    assert (refused.exit_code, refused.output) == (1, expected)


def test_restore_asks_before_replacing_the_database(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    file = tmp_path / "db.backup"
    assert runner.invoke(app, ["backup", str(file)]).exit_code == 0
    answered_no = runner.invoke(app, ["restore", str(file)], input="n\n")
    assert answered_no.exit_code == 1
    assert "Everything in the database will be replaced by the backup. Go on?" in answered_no.output
