"""The job pages of a mission: a run answers at once with its job; the page shows its state and progress
(the JSON that job.js polls), can cancel it, refuses a second scheduler run while one waits, and shows a
refused replanning in words. A queue on SQLite storage with no worker keeps jobs waiting."""

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Job, Meeting
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.job_runs import refusal_result
from missionmatch.services.placement_rules import PlacementRefused, Refusal
from missionmatch.tasks.queue import build_queue
from missionmatch.web.app import create_app
from tests.web.conftest import PASSWORD, Browser, World

PAGE = "/missions/test-osaka/schedule"
JOB = "/missions/test-osaka/jobs"


def _organiser_without_worker(world: World, tmp_path: Path) -> Browser:
    queue = build_queue(world.factory, f"sqlite:///{tmp_path / 'queue.db'}")
    browser = Browser(create_app(world.factory, world.settings, queue))
    assert (
        browser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login").status_code
        == 303
    )
    return browser


def test_a_run_waits_for_the_worker_and_can_be_cancelled(world: World, tmp_path: Path) -> None:
    browser = _organiser_without_worker(world, tmp_path)
    response = browser.submit(f"{PAGE}/run", {"time_limit": "7"}, page=PAGE)
    assert (response.status_code, response.headers["location"]) == (303, f"{JOB}/1")
    page = browser.get(f"{JOB}/1").text
    assert '<dd id="job-state" data-job-field="state_text">Waiting for the worker</dd>' in page
    assert f'data-job-progress="{JOB}/1/progress"' in page
    assert "Cancel this job" in page
    progress = browser.get(f"{JOB}/1/progress").json()
    assert progress == {
        "state": "queued",
        "state_text": "Waiting for the worker",
        "stage": "",
        "stage_text": "",
        "elapsed": None,
        "engine": "",
        "best": None,
        "bound": None,
        "done": None,
        "total": None,
        "finished": False,
    }
    with world.factory() as session:
        job = session.get(Job, 1)
        assert (job.kind, job.params, job.requested_by) == (
            JobKind.SCHEDULE,
            {"time_limit": 7.0, "include_suggested": False},
            "orga@a.lu",
        )
    cancelled = browser.submit(f"{JOB}/1/cancel", page=f"{JOB}/1")
    assert (cancelled.status_code, cancelled.headers["location"]) == (303, f"{JOB}/1")
    page = browser.get(f"{JOB}/1").text
    assert '<dd id="job-state" data-job-field="state_text">Cancelled</dd>' in page
    assert "Cancel this job" not in page and "data-job-progress" not in page


def test_a_second_scheduler_run_is_refused_while_the_first_waits(world: World, tmp_path: Path) -> None:
    browser = _organiser_without_worker(world, tmp_path)
    assert browser.submit(f"{PAGE}/run", page=PAGE).status_code == 303
    second = browser.submit(f"{PAGE}/replan", page=PAGE)
    assert second.status_code == 409
    assert "A scheduler or replanning run is already under way for this mission (job 1)." in second.text
    assert (
        browser.submit("/missions/test-osaka/matching/run", page=PAGE).status_code == 303
    )  # the matcher may
    with world.factory() as session:
        assert [(j.id, j.kind) for j in session.scalars(select(Job).order_by(Job.id))] == [
            (1, JobKind.SCHEDULE),
            (2, JobKind.MATCH),
        ]


def test_the_job_page_in_japanese_with_the_solvers_progress(world: World, tmp_path: Path) -> None:
    browser = _organiser_without_worker(world, tmp_path)
    browser.submit(f"{PAGE}/run", page=PAGE)
    with transaction(world.factory) as session:
        job = session.get(Job, 1)
        job.state, job.stage, job.best, job.bound = JobState.RUNNING, "solving", 14.0, 11.0
        # started a few seconds ago: elapsed time is then never rounded down to 0 on a fast machine
        job.started_at = job.heartbeat_at = job.created_at - dt.timedelta(seconds=3)
    browser.get("/language/ja")
    page = browser.get(f"{JOB}/1").text
    assert '<dd id="job-stage" data-job-field="stage_text">求解中</dd>' in page
    assert '<dd id="job-best" data-job-field="best">14.0</dd>' in page
    assert '<dd id="job-bound" data-job-field="bound">11.0</dd>' in page
    progress = browser.get(f"{JOB}/1/progress").json()
    assert (progress["state_text"], progress["best"], progress["bound"]) == ("実行中", 14.0, 11.0)
    assert progress["elapsed"] > 0


def test_a_refused_replanning_is_shown_in_words(world: World, tmp_path: Path) -> None:
    browser = _organiser_without_worker(world, tmp_path)
    browser.submit(f"{PAGE}/replan", page=PAGE)
    refused = PlacementRefused([Refusal("changed_meanwhile", {"keys": "m-1"})])
    with transaction(world.factory) as session:
        job = session.get(Job, 1)
        job.state, job.result, job.error = JobState.FAILED, refusal_result(refused), str(refused)
    page = browser.get(f"{JOB}/1").text
    assert (
        "The schedule changed while replanning ran (m-1); nothing was written. Run replanning again." in page
    )


def test_another_missions_organiser_cannot_see_or_cancel_a_job(world: World, tmp_path: Path) -> None:
    _organiser_without_worker(world, tmp_path).submit(f"{PAGE}/run", page=PAGE)
    stranger = world.organiser("orga@b.lu")
    assert stranger.get(f"{JOB}/1").status_code == 404
    assert stranger.get(f"{JOB}/1/progress").status_code == 404
    assert stranger.get("/missions/other-tokyo/jobs/1").status_code == 404  # not a job of that mission
    assert (
        stranger.submit("/missions/other-tokyo/jobs/1/cancel", page="/missions/other-tokyo").status_code
        == 404
    )
    with world.factory() as session:
        assert session.get(Job, 1).state == JobState.QUEUED
        assert session.scalar(select(Meeting.key)) == "m-1"
