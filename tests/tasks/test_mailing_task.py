"""A mailing through the real queue (SQLite storage, a worker thread) and a real SMTP server: the job writes
and delivers every recipient's mail with its progress, and the same mailing run again by a second job mails
nobody twice; on SQLite and PostgreSQL."""

import dataclasses
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import Mission, OutboxMail
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.jobs import create_job
from missionmatch.services.mailings import plan_mailing
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings, SmtpSettings
from missionmatch.tasks.queue import build_queue
from tests.factories import small_mission
from tests.services.test_mail import Collector, _free_port
from tests.tasks.support import job_row
from tests.tasks.worker_thread import worker_thread


def _queued_mailing_job(factory: sessionmaker[Session], mailing_id: int | None = None) -> tuple[int, int]:
    with transaction(factory) as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        if mailing_id is None:
            mailing_id = plan_mailing(
                session, mission, "agenda", "everyone", by="orga@a.lu", now=clock.now()
            ).id
        job = create_job(
            session, mission, JobKind.MAILING, {"mailing_id": mailing_id}, requested_by="orga@a.lu"
        )
        return mailing_id, job.id


def _wait_finished(factory: sessionmaker[Session], job_id: int) -> None:
    deadline = time.monotonic() + 60
    while job_row(factory, job_id).state in (JobState.QUEUED, JobState.RUNNING):
        assert time.monotonic() < deadline, f"job {job_id} did not finish"
        time.sleep(0.05)


def test_the_worker_sends_a_mailing_once_however_often_its_job_runs(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    collector, port = Collector(), _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mail = dataclasses.replace(MailSettings(), smtp=SmtpSettings("127.0.0.1", port))
        queue = build_queue(session_factory, f"sqlite:///{tmp_path / 'queue.db'}", mail=mail)
        mailing_id, first = _queued_mailing_job(session_factory)
        _, second = _queued_mailing_job(session_factory, mailing_id)  # the same mailing again
        for job_id in (first, second):
            queue.enqueue(job_row(session_factory, job_id))
        assert job_row(session_factory, first).state == JobState.QUEUED  # nothing ran in the caller
        with worker_thread(queue):
            _wait_finished(session_factory, first)
            _wait_finished(session_factory, second)
    finally:
        controller.stop()
    done, again = job_row(session_factory, first), job_row(session_factory, second)
    assert (done.state, done.done, done.total) == (JobState.DONE, 3, 3)
    assert done.result == {
        "mailing": mailing_id,
        "total": 3,
        "written": 3,
        "skipped": 0,
        "sent": 3,
        "failed": 0,
        "smtp": True,
    }
    assert again.result is not None and (
        again.result["written"],
        again.result["skipped"],
        again.result["sent"],
    ) == (
        0,
        3,
        0,
    )
    delivered = sorted(recipients[0] for _, recipients, _ in collector.messages)
    assert delivered == [
        "anne.muller@luxsat.example.lu",
        "sato@orbital.example.jp",
        "yamada@orbital.example.jp",
    ]
    with session_factory() as session:
        kept = session.scalars(select(OutboxMail).order_by(OutboxMail.recipient)).all()
        assert [(m.kind, m.mailing_id, m.sent_at is not None) for m in kept] == [
            ("agenda", mailing_id, True)
        ] * 3
