"""The hourly clean-up on the queue, the worker that runs it, and `missionmatch cleanup`."""

import datetime as dt
from pathlib import Path

import pytest
from huey import Huey
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from missionmatch import migrate
from missionmatch.cli import app
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import LoginThrottle
from missionmatch.services import login_throttle
from missionmatch.tasks.queue import build_queue

LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def _old_counter(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        key = login_throttle.ADDRESS.key("1.2.3.4")
        session.add(LoginThrottle(key=key, attempts=1, last_attempt_at=LONG_AGO, next_allowed_at=LONG_AGO))


def _counters(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(LoginThrottle)) or 0


def test_the_clean_up_is_due_at_17_past_every_hour_and_deletes(
    sqlite_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    huey = build_queue(sqlite_factory, f"sqlite:///{tmp_path / 'queue.db'}").huey
    due = [task.name for task in huey.read_periodic(dt.datetime(2026, 5, 1, 10, 17))]
    assert due == ["cleanup"]
    assert huey.read_periodic(dt.datetime(2026, 5, 1, 10, 18)) == []
    _old_counter(sqlite_factory)
    huey.execute(huey.read_periodic(dt.datetime(2026, 5, 1, 10, 17))[0])
    assert _counters(sqlite_factory) == 0


def test_the_worker_runs_periodic_tasks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'w.db'}")
    monkeypatch.setenv("MISSIONMATCH_SECRET_KEY", "worker-test")
    options: list[dict[str, object]] = []

    class Recorder:
        def run(self) -> None:
            pass

    def create_consumer(self: Huey, **kwargs: object) -> Recorder:
        options.append(kwargs)
        return Recorder()

    monkeypatch.setattr(Huey, "create_consumer", create_consumer)
    result = CliRunner().invoke(app, ["worker", "--queue-url", f"sqlite:///{tmp_path / 'q.db'}"])
    assert result.exit_code == 0, result.output
    assert [o["periodic"] for o in options] == [True]


def test_the_cleanup_command_prints_what_it_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", url)
    engine = make_engine(url)
    migrate.upgrade(engine)
    _old_counter(make_session_factory(engine))
    result = CliRunner().invoke(app, ["cleanup"])
    assert (result.exit_code, result.output) == (
        0,
        "web sessions deleted: 0\nsign-in counters deleted: 1\nsign-in links deleted: 0\n"
        "job files deleted: 0\nimport files deleted: 0\nmeeting requests expired: 0\n"
        "request reminders sent: 0\n",
    )
    assert _counters(make_session_factory(engine)) == 0
