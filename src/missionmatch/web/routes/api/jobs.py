"""/api/v1/jobs/{id}: a scheduler, replanning or matcher run queued by a POST (which answered 202 with this
URL in `Location`): its state and progress, its result when done; DELETE (or POST .../cancel) cancels it."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from missionmatch.models import Job, Mission
from missionmatch.models.job import JobKind
from missionmatch.services.change_words import change_lines
from missionmatch.services.job_runs import refusal_from
from missionmatch.services.jobs import JobBusy, elapsed_seconds, request_cancel
from missionmatch.web.deps import ApiPrincipal, DbSession, Lang
from missionmatch.web.i18n import Translator
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.api.access import ApiOrganiser, not_found, visible_missions
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schedule_bodies import MoveOut, ReplanOut, changes_out
from missionmatch.web.routes.api.schemas import ErrorOut, Instant
from missionmatch.web.routes.jobs import file_response, start_job

router = APIRouter(tags=["jobs"])
BUSY: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "a scheduler or replanning job of the mission is running"}
}


class JobOut(BaseModel):
    id: int
    url: str = Field(description="where to read this job again: /api/v1/jobs/{id}")
    kind: str = Field(description="schedule, replan, match, publication_mails, agendas or mailing")
    mission: str  # the mission's slug
    state: str = Field(description="queued, running, done, failed or cancelled")
    stage: str = Field(
        description="while running: snapshot, solving, applying, matching, sending, rendering or storing"
    )
    engine: str = Field(description="while solving: the engine that reported last (cp-sat, rc2-g3, ...)")
    best: float | None = Field(description="the solver's best objective so far (lower is better)")
    bound: float | None = Field(description="the solver's proven bound on the objective, where it has one")
    done: int | None
    total: int | None
    cancel_requested: bool
    created_at: Instant
    started_at: Instant | None
    finished_at: Instant | None
    elapsed_seconds: float | None
    requested_by: str
    result: dict[str, Any] | None = Field(
        description="when done: the report (as SchedulingOut for schedule, ReplanOut for replan, MatchingOut "
        "for match; format, file_name, size and agendas for agendas)"
    )
    error: str
    refusals: list[str] = Field(description="why a replanning was refused, in words (state failed)")


def job_url(job: Job) -> str:
    return f"/api/v1/jobs/{job.id}"


def job_out(job: Job, mission: Mission, t: Translator) -> JobOut:
    kept = (job.result or {}).get("refusals", [])
    return JobOut(
        id=job.id,
        url=job_url(job),
        kind=job.kind.value,
        mission=mission.slug,
        state=job.state.value,
        stage=job.stage,
        engine=job.engine,
        best=job.best,
        bound=job.bound,
        done=job.done,
        total=job.total,
        cancel_requested=job.cancel_requested,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        elapsed_seconds=elapsed_seconds(job),
        requested_by=job.requested_by,
        result=None if kept else _result(job, mission, t),
        error=job.error,
        refusals=refusal_texts(t, [refusal_from(r) for r in kept], mission.timezone),
    )


def _result(job: Job, mission: Mission, t: Translator) -> dict[str, Any] | None:
    """The report in the shape of the synchronous API's bodies (ReplanOut names each move's fields)."""
    if job.kind != JobKind.REPLAN or job.result is None:
        return job.result
    report = job.result
    moves = [
        MoveOut(
            meeting=key,
            from_slot=old,
            to_slot=new,
            from_session=(report["sessions_changed"].get(key) or [None])[0],
            to_session=(report["sessions_changed"].get(key) or [None, None])[1],
        )
        for key, old, new in report["moved"]
    ]
    changes = report.get("changes", [])
    out = ReplanOut(
        kept=report["kept"],
        moved=moves,
        dropped=report["dropped"],
        added=report["added"],
        changes=changes_out(changes, mission.timezone),
        in_words=change_lines(t, mission, changes),
    )
    return out.model_dump()


def accepted(
    request: Request,
    response: Response,
    db: DbSession,
    mission: Mission,
    organiser: Any,
    kind: JobKind,
    params: dict[str, Any],
    t: Translator,
) -> JobOut:
    """202 with the job and its URL in `Location`; 409 (with the running job's URL) when one is running."""
    try:
        job = start_job(request, db, mission, kind, params, organiser.email)
    except JobBusy as busy:
        db.rollback()
        detail = f"a scheduler or replanning job of this mission is {busy.state.value} (job {busy.job_id})"
        raise HTTPException(409, detail=detail, headers={"Location": f"/api/v1/jobs/{busy.job_id}"}) from None
    response.headers["Location"] = job_url(job)
    return job_out(job, mission, t)


def organiser_job(job_id: int, db: DbSession, principal: ApiPrincipal) -> tuple[Job, Mission]:
    """A job of a mission the organiser manages; any other answers 404 like a missing one."""
    job = db.get(Job, job_id)
    missions = {m.id: m for m in visible_missions(principal)}
    if job is None or job.mission_id not in missions:
        raise not_found("job")
    return job, missions[job.mission_id]


@router.get("/jobs/{job_id}", responses=answers(403, 404, 422))
def get_job(job_id: int, db: DbSession, principal: ApiPrincipal, _: ApiOrganiser, t: Lang) -> JobOut:
    """A job's state and progress; its result once done. Poll it (every second is fine)."""
    job, mission = organiser_job(job_id, db, principal)
    return job_out(job, mission, t)


_FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/pdf": {}, "application/zip": {}},
        "description": "the file the job made (agendas: one PDF, or a zip of a PDF and an .ics per "
        "participant named by key); kept 24 hours",
    }
}


@router.get("/jobs/{job_id}/file", response_class=Response, responses=_FILE | answers(403, 404, 422))
def get_job_file(job_id: int, db: DbSession, principal: ApiPrincipal, _: ApiOrganiser) -> Response:
    """The job's file once it is done; 404 while it runs, when it made none, or after 24 hours."""
    job, _mission = organiser_job(job_id, db, principal)
    response = file_response(db, job)
    if response is None:
        raise not_found("job file")
    return response


@router.delete("/jobs/{job_id}", responses=answers(403, 404, 422))
def delete_job(job_id: int, db: DbSession, principal: ApiPrincipal, _: ApiOrganiser, t: Lang) -> JobOut:
    """Cancels a job: at once when queued, at its next step when running (nothing more is written).
    A finished job is left as it is."""
    job, mission = organiser_job(job_id, db, principal)
    request_cancel(db, job)
    db.commit()
    return job_out(job, mission, t)


@router.post("/jobs/{job_id}/cancel", responses=answers(403, 404, 422))
def cancel_job(job_id: int, db: DbSession, principal: ApiPrincipal, _: ApiOrganiser, t: Lang) -> JobOut:
    """The same as DELETE, for clients that cannot send one."""
    return delete_job(job_id, db, principal, _, t)
