"""migrate.upgrade says what it changed, so that the CLI and the web start can tell the organiser."""

from sqlalchemy import create_engine
from typer.testing import CliRunner

from missionmatch import migrate
from missionmatch.cli import app


def test_upgrade_of_an_empty_database_reports_both_revisions(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    migrated = migrate.upgrade(engine)
    assert migrated == migrate.Migrated(before=None, after=migrate.head_revision())
    head = migrate.head_revision()
    assert migrated.describe(engine) == (
        f"Database sqlite:///{tmp_path / 'fresh.db'} migrated from an empty database to {head}."
    )


def test_upgrade_of_a_current_database_reports_nothing(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    migrate.upgrade(engine)
    assert migrate.upgrade(engine) is None


def test_a_command_tells_once_that_it_migrated_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()
    first = runner.invoke(app, ["summary"])
    second = runner.invoke(app, ["summary"])
    assert "migrated from an empty database to" in first.stderr
    assert second.stderr == ""
