"""The agendas bundle job on SQLite and PostgreSQL: a zip with each participant's PDF and iCalendar file, or
one PDF; progress done of total; a cancel stops it with no file; files expire after 24 hours."""

import datetime as dt
import io
import zipfile

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.agenda_bundle import BundleFormat, build_agenda_bundle
from missionmatch.models import Job, JobFile, Mission
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.job_files import delete_expired_job_files, job_file, store_job_file
from missionmatch.services.job_runs import Reporter, run_job
from missionmatch.services.jobs import request_cancel
from missionmatch.tasks.queue import IMMEDIATE, build_queue
from tests.agenda_world import published_mission
from tests.tasks.support import job_row, queued_job

KEYS = ["p-1", "p-2", "p-3", "p-4"]


def _mission_id(factory: sessionmaker[Session]) -> int:
    published_mission(factory)
    with factory() as session:
        return session.scalars(select(Mission.id)).one()


def _run(factory: sessionmaker[Session], format: str) -> Job:
    job_id = queued_job(factory, _mission_id(factory), JobKind.AGENDAS, format=format)
    build_queue(factory, IMMEDIATE).enqueue(job_row(factory, job_id))
    return job_row(factory, job_id)


def _file(factory: sessionmaker[Session], job: Job) -> JobFile:
    with factory() as session:
        found = job_file(session, job)
        assert found is not None
        return found


def test_the_zip_holds_a_pdf_and_a_calendar_per_participant_named_by_key(
    session_factory: sessionmaker[Session],
) -> None:
    job = _run(session_factory, "zip")
    assert (job.state, job.error, job.done, job.total) == (JobState.DONE, "", 4, 4)
    stored = _file(session_factory, job)
    assert (stored.file_name, stored.media_type) == ("agendas-test-osaka.zip", "application/zip")
    assert job.result == {
        "format": "zip",
        "file_name": "agendas-test-osaka.zip",
        "size": len(stored.content),
        "agendas": 4,
    }
    archive = zipfile.ZipFile(io.BytesIO(stored.content))
    assert sorted(archive.namelist()) == sorted([f"{k}.pdf" for k in KEYS] + [f"{k}.ics" for k in KEYS])
    assert archive.read("p-1.pdf").startswith(b"%PDF-")
    calendar = archive.read("p-1.ics").decode()
    assert calendar.startswith("BEGIN:VCALENDAR") and "UID:meeting-m-1@test-osaka.missionmatch" in calendar


def test_the_pdf_bundle_is_one_pdf_with_every_agenda(session_factory: sessionmaker[Session]) -> None:
    job = _run(session_factory, "pdf")
    stored = _file(session_factory, job)
    assert (job.state, stored.file_name, stored.media_type) == (
        JobState.DONE,
        "agendas-test-osaka.pdf",
        "application/pdf",
    )
    assert stored.content.startswith(b"%PDF-") and job.result["agendas"] == 4


def test_a_cancel_while_rendering_stops_the_job_and_stores_no_file(
    session_factory: sessionmaker[Session],
) -> None:
    job_id = queued_job(session_factory, _mission_id(session_factory), JobKind.AGENDAS, format="zip")
    seen: list[tuple[str, int | None, int | None]] = []

    def cancel_after_the_first(job: Job, progress: Reporter) -> dict:
        def relay(stage: str = "", **values: int) -> None:
            seen.append((stage, values.get("done"), values.get("total")))
            if values.get("done") == 1:  # the organiser presses cancel once the first agenda is drawn
                with transaction(session_factory) as session:
                    assert request_cancel(session, session.get(Job, job_id)) is True
            progress(stage=stage, **values)

        return build_agenda_bundle(session_factory, job.id, job.mission_id, BundleFormat.ZIP, relay)

    assert run_job(session_factory, job_id, cancel_after_the_first) == JobState.CANCELLED
    # stopped at its next report: the next agenda, or before storing when the rest came in under 0.5 s
    assert seen[:2] == [("rendering", 0, 4), ("rendering", 1, 4)]
    assert all(stage == "rendering" for stage, _, _ in seen[:-1]) and seen[-1][0] in ("rendering", "storing")
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(JobFile)) == 0
    assert job_row(session_factory, job_id).result is None


def test_files_expire_after_24_hours(session_factory: sessionmaker[Session]) -> None:
    job_id = queued_job(session_factory, _mission_id(session_factory), JobKind.AGENDAS, format="pdf")
    with transaction(session_factory) as session:
        made = store_job_file(session, job_id, "a.pdf", "application/pdf", b"%PDF-").created_at
    with transaction(session_factory) as session:
        job = session.get(Job, job_id)
        assert job_file(session, job, made + dt.timedelta(hours=23, minutes=59)) is not None
        assert job_file(session, job, made + dt.timedelta(hours=24)) is None
        assert delete_expired_job_files(session, made + dt.timedelta(hours=23, minutes=59)) == 0
    with transaction(session_factory) as session:
        assert delete_expired_job_files(session, made + dt.timedelta(hours=24)) == 1
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(JobFile)) == 0


def test_storing_a_bundle_deletes_the_files_of_a_day_ago(session_factory: sessionmaker[Session]) -> None:
    mission_id = _mission_id(session_factory)
    old = queued_job(session_factory, mission_id, JobKind.AGENDAS, format="pdf")
    with transaction(session_factory) as session:
        stored = store_job_file(session, old, "old.pdf", "application/pdf", b"%PDF-")
        stored.created_at -= dt.timedelta(hours=25)
    new = queued_job(session_factory, mission_id, JobKind.AGENDAS, format="pdf")
    build_queue(session_factory, IMMEDIATE).enqueue(job_row(session_factory, new))
    with session_factory() as session:
        assert list(session.scalars(select(JobFile.job_id))) == [new]
