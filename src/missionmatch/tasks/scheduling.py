"""Scheduler and replanning runs: snapshot, solve with no lock held, apply under the schedule lock."""

from collections.abc import Callable

from huey import Huey

from missionmatch.models.job import JobKind
from missionmatch.services.job_runs import run_job
from missionmatch.services.replanning import ReplanReport, replan_mission
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.tasks.queue import TaskContext


def replan_result(report: ReplanReport) -> dict:
    return {
        "kept": report.kept,
        "moved": [list(move) for move in report.moved],
        "sessions_changed": {key: list(pair) for key, pair in report.sessions_changed.items()},
        "dropped": report.dropped,
        "added": report.added,
        "changes": report.changes,
    }


def register(huey: Huey, context: TaskContext) -> dict[JobKind, Callable[[int], object]]:
    factory = context.factory

    @huey.task(name="schedule")
    def schedule(job_id: int) -> None:
        run_job(
            factory,
            job_id,
            lambda job, progress: run_scheduling(
                factory, job.mission_id, progress=progress, **job.params
            ).as_dict(),
        )

    @huey.task(name="replan")
    def replan(job_id: int) -> None:
        run_job(
            factory,
            job_id,
            lambda job, progress: replan_result(
                replan_mission(factory, job.mission_id, progress=progress, **job.params)
            ),
        )

    return {JobKind.SCHEDULE: schedule, JobKind.REPLAN: replan}
