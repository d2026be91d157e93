"""A mailing's mails (invitations, reminders): written and delivered by `services.mailings.send_mailing`,
which skips whoever already has theirs, so that a job run again mails nobody twice."""

from collections.abc import Callable

from huey import Huey

from missionmatch.models import Job
from missionmatch.models.job import JobKind
from missionmatch.services.job_runs import Reporter, run_job
from missionmatch.services.mailings import send_mailing
from missionmatch.tasks.queue import TaskContext


def register(huey: Huey, context: TaskContext) -> dict[JobKind, Callable[[int], object]]:
    def work(job: Job, progress: Reporter) -> dict:
        return send_mailing(context.factory, context.mail, job.params["mailing_id"], progress)

    @huey.task(name="mailing")
    def mailing(job_id: int) -> None:
        run_job(context.factory, job_id, work)

    return {JobKind.MAILING: mailing}
