"""A publication's notices: queued in the outbox with the version it created (`publish_schedule`), then
delivered here by SMTP in batches, so that the publish request answers at once and no request holds an SMTP
conversation for 160 participants. Each batch is committed: a worker stopped half-way resends nothing."""

from collections.abc import Callable

from huey import Huey

from missionmatch.db import transaction
from missionmatch.models import Job, OutboxMail
from missionmatch.models.job import JobKind
from missionmatch.services.job_runs import Reporter, run_job
from missionmatch.services.notifications import deliver_queued
from missionmatch.tasks.queue import TaskContext

BATCH = 20  # mails per SMTP connection and per progress report


def register(huey: Huey, context: TaskContext) -> dict[JobKind, Callable[[int], object]]:
    def work(job: Job, progress: Reporter) -> dict:
        ids: list[int] = job.params["mail_ids"]
        progress(stage="sending", done=0, total=len(ids))
        sent = failed = 0
        for start in range(0, len(ids), BATCH):
            with transaction(context.factory) as session:
                found = [session.get(OutboxMail, i) for i in ids[start : start + BATCH]]
                mails = [m for m in found if m is not None and m.sent_at is None]
                deliver_queued(session, context.mail, mails)
                sent += sum(1 for m in mails if m.sent_at is not None)
                failed += sum(1 for m in mails if m.sent_at is None and m.error)
            progress(stage="sending", done=min(start + BATCH, len(ids)), total=len(ids))
        return {"total": len(ids), "sent": sent, "failed": failed, "smtp": context.mail.smtp is not None}

    @huey.task(name="publication_mails")
    def publication_mails(job_id: int) -> None:
        run_job(context.factory, job_id, work)

    return {JobKind.PUBLICATION_MAILS: publication_mails}
