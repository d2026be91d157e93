"""Finding 5: a publication's mails were one SMTP send per participant inside the publish request. Now the
request answers at once with the notices queued in the outbox, and a job delivers them (SMTP in batches)."""

import dataclasses
from pathlib import Path

from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import select

from missionmatch.models import Job, OutboxMail
from missionmatch.models.job import JobKind, JobState
from missionmatch.settings import SmtpSettings
from missionmatch.tasks.queue import build_queue
from missionmatch.web.app import create_app
from tests.services.test_mail import Collector, _free_port
from tests.tasks.worker_thread import worker_thread
from tests.web.conftest import PASSWORD, Browser, World
from tests.web.test_schedule_pages import _accept_pending_request

PAGE = "/missions/test-osaka/schedule"
RECIPIENTS = [
    "anne.muller@luxsat.example.lu",
    "jonas.weber@sante.example.lu",
    "sato@orbital.example.jp",
    "yamada@orbital.example.jp",
]


def _sent(world: World) -> list[tuple[str, bool]]:
    with world.factory() as session:
        return sorted((m.recipient, m.sent_at is not None) for m in session.scalars(select(OutboxMail)))


def test_publishing_answers_before_any_mail_is_sent_and_the_worker_delivers_them(
    world: World, tmp_path: Path
) -> None:
    collector, port = Collector(), _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = dataclasses.replace(world.settings, smtp=SmtpSettings("127.0.0.1", port))
        queue = build_queue(world.factory, f"sqlite:///{tmp_path / 'queue.db'}", mail=settings.mail)
        browser = Browser(create_app(world.factory, settings, queue))
        login = {"email": "orga@a.lu", "password": PASSWORD}
        assert browser.submit("/login", login, page="/login").status_code == 303
        _accept_pending_request(world)
        with worker_thread(queue):  # the scheduler's job first
            browser.submit(f"{PAGE}/run", {"time_limit": "5"}, page=PAGE)
            _wait_done(world, 1)
        response = browser.submit(f"{PAGE}/publish", page=PAGE)
        assert (response.status_code, response.headers["location"]) == (303, "/missions/test-osaka/jobs/2")
        assert _sent(world) == [(r, False) for r in RECIPIENTS]  # queued with the version, none sent yet
        assert collector.messages == []
        with worker_thread(queue):
            _wait_done(world, 2)
        page = browser.get("/missions/test-osaka/jobs/2").text
    finally:
        controller.stop()
    assert _sent(world) == [(r, True) for r in RECIPIENTS]
    assert sorted(recipients[0] for _, recipients, _ in collector.messages) == RECIPIENTS
    assert "4 notices: 4 delivered, 0 not delivered." in page
    with world.factory() as session:
        job = session.get(Job, 2)
        assert (job.kind, job.result) == (
            JobKind.PUBLICATION_MAILS,
            {"total": 4, "sent": 4, "failed": 0, "smtp": True},
        )


def _wait_done(world: World, job_id: int) -> None:
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with world.factory() as session:
            if session.get(Job, job_id).state not in (JobState.QUEUED, JobState.RUNNING):
                return
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_the_api_publication_names_the_job_that_mails(world: World) -> None:
    _accept_pending_request(world)
    client = TestClient(
        world.client().app, headers={"authorization": f"Bearer {world.api_token(organiser='orga@a.lu')}"}
    )
    assert client.post("/api/v1/missions/test-osaka/schedule/run", json={"time_limit": 5}).status_code == 202
    published = client.post("/api/v1/missions/test-osaka/schedule/publish", json={})
    assert (published.status_code, published.json()["mail_job"]) == (200, "/api/v1/jobs/2")
    job = client.get("/api/v1/jobs/2").json()
    assert (job["kind"], job["state"], job["done"], job["total"]) == ("publication_mails", "done", 4, 4)
    assert job["result"] == {"total": 4, "sent": 0, "failed": 0, "smtp": False}
