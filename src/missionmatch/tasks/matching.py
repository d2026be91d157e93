"""The matcher: every participant's ranked partners with reasons, and the mutual pairs to suggest."""

from collections.abc import Callable
from dataclasses import asdict

from huey import Huey
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Job, Mission
from missionmatch.models.job import JobKind
from missionmatch.services.job_runs import Reporter, run_job
from missionmatch.services.matching_run import run_matching


def register(huey: Huey, factory: sessionmaker[Session]) -> dict[JobKind, Callable[[int], object]]:
    def work(job: Job, progress: Reporter) -> dict:
        progress(stage="matching")
        with transaction(factory) as session:  # SQLite takes its write lock only at the first write
            mission = session.get(Mission, job.mission_id)
            assert mission is not None
            return asdict(run_matching(session, mission))

    @huey.task(name="match")
    def match(job_id: int) -> None:
        run_job(factory, job_id, work)

    return {JobKind.MATCH: match}
