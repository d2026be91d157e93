"""Jobs: long work asked for on a page, the API or the CLI, done by the worker (`tasks/`).

A job is created queued in the caller's transaction; the interface enqueues it after the commit. One
scheduler or replanning job at a time per mission (the second is refused: `JobBusy`, a 409), checked under
the schedule lock so that two requests at once cannot both start one. Cancelling is cooperative: a queued
job is cancelled at once, a running one when it next reports progress (`job_runs.Reporter`)."""

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Job, Mission
from missionmatch.models.job import ACTIVE, SCHEDULER_KINDS, JobKind, JobState
from missionmatch.services.row_locks import lock_schedule

# a running job writes a heartbeat this often; one silent for STALE has lost its worker
HEARTBEAT = dt.timedelta(seconds=5)
STALE = dt.timedelta(seconds=60)


class JobBusy(Exception):
    """A scheduler or replanning job of the mission is already queued or running."""

    def __init__(self, job: Job) -> None:
        self.job_id, self.kind, self.state = job.id, job.kind, job.state  # plain values: outlive the session
        super().__init__(f"job {job.id} ({job.kind.value}) is {job.state.value} for this mission")


def lost(job: Job, now: dt.datetime | None = None) -> bool:
    """A running job whose worker stopped writing its heartbeat (the worker was killed or the host died)."""
    beat = job.heartbeat_at or job.started_at
    return job.state == JobState.RUNNING and beat is not None and (now or clock.now()) - beat > STALE


def active_scheduler_job(session: Session, mission_id: int) -> Job | None:
    query = select(Job).where(
        Job.mission_id == mission_id, Job.kind.in_(SCHEDULER_KINDS), Job.state.in_(ACTIVE)
    )
    return next((job for job in session.scalars(query.order_by(Job.id)) if not lost(job)), None)


def create_job(
    session: Session, mission: Mission, kind: JobKind, params: dict[str, Any], *, requested_by: str = ""
) -> Job:
    """A queued job (flushed, so it has its id); the caller commits, then enqueues it."""
    if kind in SCHEDULER_KINDS:
        lock_schedule(session, mission.id)
        busy = active_scheduler_job(session, mission.id)
        if busy is not None:
            raise JobBusy(busy)
    job = Job(
        kind=kind,
        mission_id=mission.id,
        state=JobState.QUEUED,
        params=params,
        requested_by=requested_by,
        created_at=clock.now(),
    )
    session.add(job)
    session.flush()
    return job


def request_cancel(session: Session, job: Job) -> bool:
    """Cancels a queued (or lost) job now; asks a running one to stop. False when it had already finished."""
    if job.finished:
        return False
    if job.state == JobState.QUEUED or lost(job):
        job.state, job.finished_at, job.stage = JobState.CANCELLED, clock.now(), ""
    job.cancel_requested = True
    session.flush()
    return True


def elapsed_seconds(job: Job, now: dt.datetime | None = None) -> float | None:
    if job.started_at is None:
        return None
    end = job.finished_at or now or clock.now()
    return round((end - job.started_at).total_seconds(), 1)


def mission_jobs(session: Session, mission_id: int, limit: int = 10) -> list[Job]:
    query = select(Job).where(Job.mission_id == mission_id).order_by(Job.id.desc()).limit(limit)
    return list(session.scalars(query))
