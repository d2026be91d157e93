"""The worker as it runs in production: `missionmatch worker` in its own process, consuming a queue on
SQLite storage (the embedded default) and on Redis (Debian's redis-server on a free port)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import Job, Meeting
from missionmatch.models.enums import MeetingStatus
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.demo import demo_documents
from missionmatch.services.jobs import request_cancel
from missionmatch.services.mission_import import import_mission
from missionmatch.tasks.queue import build_queue
from tests.tasks.support import drafts, job_row, mission_to_schedule, queued_job

REDIS_SERVER = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(what: str, ready: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.05)


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'missionmatch.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    return url, make_session_factory(engine)


def _start_worker(tmp_path: Path, database_url: str, queue_url: str) -> subprocess.Popen:
    env = os.environ | {"MISSIONMATCH_DATABASE_URL": database_url, "MISSIONMATCH_QUEUE_URL": queue_url}
    command = [sys.executable, "-m", "missionmatch.cli", "worker"]
    log = (tmp_path / "worker.log").open("w")
    return subprocess.Popen(command, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)


@pytest.fixture
def worker_on(tmp_path: Path, database: tuple[str, sessionmaker[Session]]) -> Iterator[Callable[[str], None]]:
    started: list[subprocess.Popen] = []
    yield lambda queue_url: started.append(_start_worker(tmp_path, database[0], queue_url))
    for process in started:
        process.send_signal(signal.SIGINT)  # graceful: the consumer finishes what runs, then exits
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    print((tmp_path / "worker.log").read_text() if (tmp_path / "worker.log").exists() else "")


def _schedule_through(queue_url: str, factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(factory)
    job_id = queued_job(factory, mission_id, JobKind.SCHEDULE, time_limit=5.0, include_suggested=False)
    build_queue(factory, queue_url).enqueue(job_row(factory, job_id))
    _wait("the worker runs the job", lambda: job_row(factory, job_id).finished, 120)
    job = job_row(factory, job_id)
    assert (job.state, job.error, job.result["placed"]) == (JobState.DONE, "", 2)
    assert len(drafts(factory, mission_id)) == 2


def test_a_worker_process_runs_a_scheduler_job_from_sqlite_storage(
    tmp_path: Path, database: tuple[str, sessionmaker[Session]], worker_on: Callable[[str], None]
) -> None:
    queue_url = f"sqlite:///{tmp_path / 'queue.db'}"
    worker_on(queue_url)
    _schedule_through(queue_url, database[1])


@pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed (scripts/install-system-deps.sh)"
)
def test_a_worker_process_runs_a_scheduler_job_from_redis(
    tmp_path: Path, database: tuple[str, sessionmaker[Session]], worker_on: Callable[[str], None]
) -> None:
    port = _free_port()
    redis = subprocess.Popen(
        [str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait("redis-server listens", lambda: _listening(port), 15)
        queue_url = f"redis://127.0.0.1:{port}/0"
        worker_on(queue_url)
        _schedule_through(queue_url, database[1])
    finally:
        redis.terminate()
        redis.wait(timeout=10)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_cancelling_a_solving_job_stops_the_worker_and_writes_nothing(
    tmp_path: Path, database: tuple[str, sessionmaker[Session]], worker_on: Callable[[str], None]
) -> None:
    factory = database[1]
    with transaction(factory) as session:  # Osaka 1 of the demo: 158 meetings, seconds of solving
        osaka = import_mission(
            session, next(d for d in demo_documents() if d["mission"]["slug"] == "osaka-1")
        )
        mission_id = osaka.id
    before = _meetings(factory, mission_id)
    queue_url = f"sqlite:///{tmp_path / 'queue.db'}"
    worker_on(queue_url)
    job_id = queued_job(factory, mission_id, JobKind.SCHEDULE, time_limit=60.0)
    build_queue(factory, queue_url).enqueue(job_row(factory, job_id))
    _wait("the solver starts", lambda: job_row(factory, job_id).stage == "solving", 60)
    with transaction(factory) as session:
        assert request_cancel(session, session.get(Job, job_id)) is True
    asked = time.monotonic()
    _wait("the job stops", lambda: job_row(factory, job_id).finished, 60)
    job = job_row(factory, job_id)
    assert (job.state, job.result, job.error) == (JobState.CANCELLED, None, "")
    assert time.monotonic() - asked < 60  # well before the 60 s per session the run was given
    assert _meetings(factory, mission_id) == before


def _meetings(factory: sessionmaker[Session], mission_id: int) -> list[tuple[str, MeetingStatus]]:
    with factory() as session:
        query = select(Meeting.key, Meeting.status).where(Meeting.mission_id == mission_id)
        return sorted(tuple(row) for row in session.execute(query))
