"""A job's kind, state and stage in the viewer's language, and the JSON the job page polls."""

from typing import Any

from missionmatch.i18n import mark as _
from missionmatch.models import Job
from missionmatch.models.job import JobState
from missionmatch.services.jobs import elapsed_seconds
from missionmatch.web.i18n import Translator

KINDS = {
    "schedule": _("Scheduler run"),
    "replan": _("Replanning"),
    "match": _("Matcher run"),
    "publication_mails": _("Publication mails"),
    "agendas": _("Agendas of every participant"),
    "mailing": _("Invitation or reminder mails"),
}
STATES = {
    "queued": _("Waiting for the worker"),
    "running": _("Running"),
    "done": _("Done"),
    "failed": _("Failed"),
    "cancelled": _("Cancelled"),
}
STAGES = {
    "": "",
    "snapshot": _("Reading the mission"),
    "solving": _("Solving"),
    "applying": _("Writing the draft"),
    "matching": _("Matching profiles"),
    "sending": _("Sending mails"),
    "rendering": _("Drawing the agendas"),
    "storing": _("Storing the file"),
}


def stage_text(t: Translator, job: Job) -> str:
    stage = STAGES.get(job.stage, job.stage)
    if job.cancel_requested and job.state == JobState.RUNNING:
        return t.gettext("Stopping at the next step…")
    return t.gettext(stage) if stage else ""


def progress_json(t: Translator, job: Job) -> dict[str, Any]:
    return {
        "state": job.state.value,
        "state_text": t.gettext(STATES[job.state.value]),
        "stage": job.stage,
        "stage_text": stage_text(t, job),
        "elapsed": elapsed_seconds(job),
        "engine": job.engine,
        "best": job.best,
        "bound": job.bound,
        "done": job.done,
        "total": job.total,
        "finished": job.finished,
    }
