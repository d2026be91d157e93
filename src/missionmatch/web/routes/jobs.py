"""Organiser pages of a job: its progress while it runs (job.js polls the JSON), its result once done, and
cancelling it. `start_job` is how the schedule pages and the API hand long work to the worker."""

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Job, Mission
from missionmatch.models.job import JobKind, JobState
from missionmatch.services.job_files import job_file
from missionmatch.services.job_runs import refusal_from
from missionmatch.services.jobs import create_job, elapsed_seconds, request_cancel
from missionmatch.web.deps import CurrentOrganiser, DbSession, Lang, ManagedMission
from missionmatch.web.job_text import KINDS, STATES, progress_json, stage_text
from missionmatch.web.permissions import organiser_manages_mission
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def start_job(
    request: Request, db: Session, mission: Mission, kind: JobKind, params: dict[str, Any], by: str
) -> Job:
    """Creates the job (JobBusy: one scheduler run per mission), commits, then queues it for the worker.
    A queue that cannot be reached fails the job with the reason instead of leaving it waiting forever."""
    job = create_job(db, mission, kind, params, requested_by=by)
    db.commit()
    try:
        request.app.state.queue.enqueue(job)
    except Exception as error:  # Redis down, queue file unwritable: say so on the job's page
        db.refresh(job)
        if not job.finished:
            job.state, job.finished_at = JobState.FAILED, clock.now()
            job.error = f"the job queue is unreachable: {error}"
            db.commit()
    db.refresh(job)
    return job


def job_page_url(mission: Mission, job: Job) -> str:
    return f"/missions/{mission.slug}/jobs/{job.id}"


def mission_job(mission: ManagedMission, job_id: int, db: DbSession) -> Job:
    job = db.get(Job, job_id)
    if job is None or job.mission_id != mission.id:
        raise HTTPException(status_code=404)
    return job


@router.get("/missions/{slug}/jobs/{job_id}")
def job_page(request: Request, mission: ManagedMission, job_id: int, db: DbSession, t: Lang) -> Response:
    job = mission_job(mission, job_id, db)
    refusals = (job.result or {}).get("refusals", [])
    return render(
        request,
        "job.html",
        mission=mission,
        job=job,
        kind_text=t.gettext(KINDS[job.kind.value]),
        state_text=t.gettext(STATES[job.state.value]),
        stage_text=stage_text(t, job),
        elapsed=elapsed_seconds(job),
        refusals=refusal_texts(t, [refusal_from(r) for r in refusals], mission.timezone),
        file=job_file(db, job),
    )


def file_response(db: Session, job: Job) -> Response | None:
    """The job's file as a download; None when it has none (not done, or expired after 24 hours)."""
    stored = job_file(db, job)
    if stored is None:
        return None
    headers = {"Content-Disposition": f'attachment; filename="{stored.file_name}"'}
    return Response(stored.content, media_type=stored.media_type, headers=headers)


@router.get("/missions/{slug}/jobs/{job_id}/file")
def job_file_download(mission: ManagedMission, job_id: int, db: DbSession) -> Response:
    response = file_response(db, mission_job(mission, job_id, db))
    if response is None:
        raise HTTPException(status_code=404)
    return response


@router.get("/jobs/{job_id}/file")
def job_file_by_id(job_id: int, organiser: CurrentOrganiser, db: DbSession) -> Response:
    """The same file by the job's id alone (a link that names no mission); 404 unless the organiser
    manages the job's mission, as for a job that does not exist."""
    job = db.get(Job, job_id)  # an id out of range is simply not found (db.py)
    mission = db.get(Mission, job.mission_id) if job is not None else None
    if mission is None or not organiser_manages_mission(organiser, mission):
        raise HTTPException(status_code=404)
    return job_file_download(mission, job_id, db)


@router.get("/missions/{slug}/jobs/{job_id}/progress")
def job_progress(mission: ManagedMission, job_id: int, db: DbSession, t: Lang) -> JSONResponse:
    return JSONResponse(progress_json(t, mission_job(mission, job_id, db)))


@router.post("/missions/{slug}/jobs/{job_id}/cancel")
def cancel_job(mission: ManagedMission, job_id: int, db: DbSession) -> Response:
    job = mission_job(mission, job_id, db)
    request_cancel(db, job)
    db.commit()
    return RedirectResponse(job_page_url(mission, job), status_code=303)
