"""The parts of `job_runs` that the task tests do not reach: a refusal kept in the job's result and read back,
and a refused run recorded as a failed job with its reasons."""

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from missionmatch.models import Job
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.job_runs import Reporter, refusal_from, refusal_result, run_job
from missionmatch.services.placement_rules import PlacementRefused, Refusal
from tests.tasks.support import job_row, mission_to_schedule, queued_job

TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_refusal_is_kept_as_codes_and_plain_values_and_read_back_with_its_instants() -> None:
    when = dt.datetime(2025, 5, 20, 9, 30, tzinfo=TOKYO)
    refused = PlacementRefused(
        [Refusal("participant_busy", {"name": "Aiko Sato", "time": when}), Refusal("no_table", {})]
    )
    kept = refusal_result(refused)
    assert kept == {
        "refusals": [
            {
                "code": "participant_busy",
                "values": {"name": "Aiko Sato", "time": "2025-05-20T09:30:00+09:00"},
            },
            {"code": "no_table", "values": {}},
        ]
    }
    back = [refusal_from(r) for r in kept["refusals"]]
    assert back == refused.refusals
    assert back[0].values["time"].utcoffset() == dt.timedelta(hours=9)


def test_a_refused_run_is_a_failed_job_with_its_reasons(session_factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)

    def refuse(_job: Job, _progress: Reporter) -> dict:
        raise PlacementRefused([Refusal("table_taken", {"table": 3})])

    assert run_job(session_factory, job_id, refuse) == JobState.FAILED
    job = job_row(session_factory, job_id)
    assert (job.state, job.error, job.stage) == (JobState.FAILED, "table_taken", "")
    assert job.result == {"refusals": [{"code": "table_taken", "values": {"table": 3}}]}


def test_a_job_that_is_not_queued_any_more_is_not_run(session_factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)
    calls: list[int] = []

    def work(job: Job, _progress: Reporter) -> dict:
        calls.append(job.id)
        return {}

    assert run_job(session_factory, job_id, work) == JobState.DONE
    assert run_job(session_factory, job_id, work) is None  # a second delivery of the same job
    assert calls == [job_id]


def test_the_engine_at_work_is_kept_with_its_numbers_and_a_new_stage_clears_it(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)
    progress = Reporter(session_factory, job_id)
    progress(stage="solving", engine="cp-sat", best=3.0, bound=1.0)
    job = job_row(session_factory, job_id)
    assert (job.stage, job.engine, job.best, job.bound) == ("solving", "cp-sat", 3.0, 1.0)
    progress(stage="applying")
    job = job_row(session_factory, job_id)
    assert (job.stage, job.engine, job.best, job.bound) == ("applying", "", None, None)
