"""`missionmatch serve --demo` (what `make demo` runs) also starts the job worker: one command, everything."""

import time
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.commands import serve
from missionmatch.db import transaction
from missionmatch.models import Job, Mission
from missionmatch.models.job import JobKind, JobState
from missionmatch.services import demo
from missionmatch.services.jobs import create_job
from missionmatch.services.mission_import import import_mission
from missionmatch.web.app import create_app_from_environment
from tests.factories import small_mission

runner = CliRunner()


def test_serve_demo_runs_a_worker_that_does_the_jobs_of_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("MISSIONMATCH_QUEUE_URL", f"sqlite:///{tmp_path / 'queue.db'}")
    monkeypatch.setenv("MISSIONMATCH_SECRET_KEY", "cli-test")
    monkeypatch.setenv("MISSIONMATCH_BASE_URL", "http://127.0.0.1:8124")
    monkeypatch.setattr(
        demo, "load_demo", lambda session: [import_mission(session, small_mission(), replace=True)]
    )
    finished: list[JobState] = []

    def serving(app_factory: str, factory: bool, **_options) -> None:  # type: ignore[no-untyped-def]
        """Instead of uvicorn: a scheduler run queued as the page queues it, done by serve's worker."""
        assert (app_factory, factory) == (serve.APP_FACTORY, True)
        web_app = create_app_from_environment()
        factory = web_app.state.session_factory
        with transaction(factory) as session:
            job = create_job(session, session.scalar(select(Mission)), JobKind.SCHEDULE, {"time_limit": 2.0})
        web_app.state.queue.enqueue(job)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with factory() as session:
                state = session.get(Job, job.id).state
            if state not in (JobState.QUEUED, JobState.RUNNING):
                finished.append(state)
                return
            time.sleep(0.1)

    monkeypatch.setattr("uvicorn.run", serving)
    result = runner.invoke(app, ["serve", "--demo", "--port", "8124"])
    assert result.exit_code == 0, result.output
    assert "missionmatch worker started (scheduler runs, matcher, publication mails)" in result.output
    assert finished == [JobState.DONE]
