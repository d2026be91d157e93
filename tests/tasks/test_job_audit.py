"""What a job writes is in the audit log as done by that job (and who asked for it)."""

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.models import AuditEntry
from missionmatch.models.job import JobKind
from missionmatch.tasks.queue import IMMEDIATE, build_queue
from tests.tasks.support import job_row, mission_to_schedule, queued_job


def test_a_scheduler_jobs_meetings_are_recorded_as_the_jobs(sqlite_factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(sqlite_factory)
    job_id = queued_job(sqlite_factory, mission_id, JobKind.SCHEDULE, time_limit=5.0, include_suggested=False)
    build_queue(sqlite_factory, IMMEDIATE).enqueue(job_row(sqlite_factory, job_id))
    with sqlite_factory() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "meeting")).all()
    assert len(entries) == 2  # the two drafts it placed
    assert {(e.actor_kind, e.actor_id, e.actor_label, e.change) for e in entries} == {
        ("job", job_id, "schedule: orga@a.lu", "created")
    }
