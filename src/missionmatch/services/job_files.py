"""The files jobs produce: stored with the job, read back while fresh, deleted once `KEPT` has passed."""

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Job, JobFile
from missionmatch.models.job_file import KEPT


def store_job_file(session: Session, job_id: int, file_name: str, media_type: str, content: bytes) -> JobFile:
    stored = JobFile(
        job_id=job_id, file_name=file_name, media_type=media_type, content=content, created_at=clock.now()
    )
    session.add(stored)
    session.flush()
    return stored


def job_file(session: Session, job: Job, now: dt.datetime | None = None) -> JobFile | None:
    """The job's file while it is kept; None when there is none (not done, failed, or expired)."""
    found = session.scalar(select(JobFile).where(JobFile.job_id == job.id))
    if found is None or found.expired(now or clock.now()):
        return None
    return found


def delete_expired_job_files(session: Session, now: dt.datetime) -> int:
    """Removes the files made `KEPT` or longer before `now`; the number removed."""
    result = session.execute(delete(JobFile).where(JobFile.created_at <= now - KEPT))
    return int(getattr(result, "rowcount", 0) or 0)
