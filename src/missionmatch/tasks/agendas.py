"""Every agenda of a mission as one PDF or a zip (exports/agenda_bundle.py), stored with the job."""

from collections.abc import Callable

from huey import Huey

from missionmatch.exports.agenda_bundle import BundleFormat, build_agenda_bundle
from missionmatch.models import Job
from missionmatch.models.job import JobKind
from missionmatch.services.job_runs import Reporter, run_job
from missionmatch.tasks.queue import TaskContext


def register(huey: Huey, context: TaskContext) -> dict[JobKind, Callable[[int], object]]:
    def work(job: Job, progress: Reporter) -> dict:
        format = BundleFormat(job.params["format"])
        return build_agenda_bundle(context.factory, job.id, job.mission_id, format, progress)

    @huey.task(name="agendas")
    def agendas(job_id: int) -> None:
        run_job(context.factory, job_id, work)

    return {JobKind.AGENDAS: agendas}
