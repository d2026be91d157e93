"""Jobs on the queue in immediate mode (the task runs where it is enqueued), on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import Job, Mission
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.job_runs import Reporter, run_job
from missionmatch.services.jobs import JobBusy, active_scheduler_job, create_job, request_cancel
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.tasks.queue import IMMEDIATE, build_queue
from tests.tasks.support import drafts, job_row, mission_to_schedule, queued_job


def test_a_scheduler_job_places_the_draft_and_keeps_its_report(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(
        session_factory, mission_id, JobKind.SCHEDULE, time_limit=5.0, include_suggested=False
    )
    queue = build_queue(session_factory, IMMEDIATE)
    queue.enqueue(job_row(session_factory, job_id))
    job = job_row(session_factory, job_id)
    assert (job.state, job.stage, job.error, job.cancel_requested) == (JobState.DONE, "", "", False)
    assert (job.result["wanted"], job.result["placed"]) == (3, 2)
    assert job.result["unplaced"] == {"r-3": "no common language and no interpreter for it"}
    assert job.started_at.tzinfo == dt.UTC and job.started_at <= job.finished_at <= clock.now()
    assert len(drafts(session_factory, mission_id)) == 2


def test_a_replanning_job_reports_what_it_kept(session_factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.REPLAN, time_limit=5.0)
    build_queue(session_factory, IMMEDIATE).enqueue(job_row(session_factory, job_id))
    job = job_row(session_factory, job_id)
    assert job.state == JobState.DONE
    assert (job.result["kept"], job.result["moved"], job.result["dropped"]) == (0, [], [])
    assert sorted(job.result["added"]) == drafts(session_factory, mission_id)
    assert len(job.result["added"]) == 2


def test_progress_reaches_the_job_row_with_best_and_bound(session_factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)
    progress = Reporter(session_factory, job_id)
    progress(stage="solving", best=12.0, bound=9.0)
    job = job_row(session_factory, job_id)
    assert (job.stage, job.best, job.bound) == ("solving", 12.0, 9.0)
    progress(stage="applying")  # a new stage starts without the solver's numbers
    job = job_row(session_factory, job_id)
    assert (job.stage, job.best, job.bound) == ("applying", None, None)


def test_numbers_given_between_two_writes_are_written_by_the_heartbeat(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)
    progress = Reporter(session_factory, job_id)
    progress(stage="solving")
    progress(stage="solving", best=7.0, bound=7.0)  # a moment later: too soon to write again
    assert (job_row(session_factory, job_id).best, job_row(session_factory, job_id).bound) == (None, None)
    progress.beat(every=60.0)  # the heartbeat thread, half a second on
    job = job_row(session_factory, job_id)
    assert (job.stage, job.best, job.bound) == ("solving", 7.0, 7.0)


def test_a_second_scheduler_job_of_a_mission_is_refused_while_one_is_queued(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    first = queued_job(session_factory, mission_id, JobKind.SCHEDULE)
    with pytest.raises(JobBusy) as refused:
        queued_job(session_factory, mission_id, JobKind.REPLAN)
    assert (refused.value.job_id, refused.value.state) == (first, JobState.QUEUED)
    assert queued_job(session_factory, mission_id, JobKind.MATCH) != first  # the matcher may run meanwhile


def test_a_queued_job_cancelled_is_never_run(session_factory: sessionmaker[Session]) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE, time_limit=5.0)
    with transaction(session_factory) as session:
        assert request_cancel(session, session.get(Job, job_id)) is True
    build_queue(session_factory, IMMEDIATE).enqueue(job_row(session_factory, job_id))
    job = job_row(session_factory, job_id)
    assert (job.state, job.started_at, drafts(session_factory, mission_id)) == (JobState.CANCELLED, None, [])
    queued_job(session_factory, mission_id, JobKind.SCHEDULE)  # no longer in the way


def test_a_running_job_cancelled_stops_at_its_next_progress_and_writes_nothing(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)

    def cancel_once_solved(job: Job, progress: Reporter) -> dict:
        def relay(stage: str, **values: float) -> None:
            if stage == "applying":  # the organiser presses cancel while the solver runs
                with transaction(session_factory) as session:
                    assert request_cancel(session, session.get(Job, job_id)) is True
            progress(stage=stage, **values)

        return run_scheduling(session_factory, job.mission_id, time_limit=5.0, progress=relay).as_dict()

    assert run_job(session_factory, job_id, cancel_once_solved) == JobState.CANCELLED
    job = job_row(session_factory, job_id)
    assert (job.state, job.result, drafts(session_factory, mission_id)) == (JobState.CANCELLED, None, [])


def test_a_running_job_whose_worker_died_neither_blocks_nor_resists_cancel(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE)
    long_ago = clock.now() - dt.timedelta(minutes=5)
    with transaction(session_factory) as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(state=JobState.RUNNING, started_at=long_ago, heartbeat_at=long_ago)
        )
    with transaction(session_factory) as session:
        assert active_scheduler_job(session, mission_id) is None
        assert request_cancel(session, session.get(Job, job_id)) is True
    assert job_row(session_factory, job_id).state == JobState.CANCELLED


def test_a_failing_job_records_the_error_and_the_next_one_runs(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = mission_to_schedule(session_factory)
    job_id = queued_job(session_factory, mission_id, JobKind.SCHEDULE, time_limit=5.0, no_such_option=1)
    build_queue(session_factory, IMMEDIATE).enqueue(job_row(session_factory, job_id))
    job = job_row(session_factory, job_id)
    assert job.state == JobState.FAILED
    assert job.error == "TypeError: run_scheduling() got an unexpected keyword argument 'no_such_option'"
    with transaction(session_factory) as session:
        mission = session.get(Mission, mission_id)
        assert create_job(session, mission, JobKind.SCHEDULE, {}).state == JobState.QUEUED
