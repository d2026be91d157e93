"""The hourly clean-up of expired rows (services/cleanup.py), then the reminders of unanswered requests
(services/request_reminders.py), a Huey periodic task: the worker's consumer
runs periodic tasks (commands/worker.py). Not a job: nobody waits for it, and it has no page."""

import logging
from collections.abc import Callable

from huey import Huey, crontab

from missionmatch.db import transaction
from missionmatch.models.audit_actor import Actor, acting_as
from missionmatch.models.job import JobKind
from missionmatch.services.cleanup import clean_up
from missionmatch.services.request_reminders import send_reminders
from missionmatch.tasks.queue import TaskContext

log = logging.getLogger(__name__)


def register(huey: Huey, context: TaskContext) -> dict[JobKind, Callable[[int], object]]:
    @huey.periodic_task(crontab(minute="17"), name="cleanup")  # off the hour, when other crons run
    def hourly_cleanup() -> dict[str, int]:
        return run_cleanup(context)

    return {}


def run_cleanup(context: TaskContext) -> dict[str, int]:
    """The periodic task's work; the audit log names it as a job (requests it expired, for one)."""
    with acting_as(Actor("job", None, "hourly clean-up")):
        with transaction(context.factory) as session:
            deleted = clean_up(session)
        with transaction(context.factory) as session:
            deleted["request reminders sent"] = send_reminders(session, context.mail)
    log.info("clean-up: %s", ", ".join(f"{count} {name}" for name, count in deleted.items()))
    return deleted
