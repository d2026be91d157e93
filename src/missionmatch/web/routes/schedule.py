"""Organiser page: run the scheduler into a draft (a job: its page shows progress and the report), read the
table plan, publish it."""

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch.models import Meeting, Mission
from missionmatch.models.job import JobKind
from missionmatch.services.jobs import JobBusy, mission_jobs
from missionmatch.services.on_the_day import OUTCOMES, record_outcome
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.services.replanning import ReplanReport
from missionmatch.services.schedule_publish import NothingToPublish, latest_version, publish_schedule
from missionmatch.services.scheduling_run import (
    MAX_TIME_LIMIT,
    MIN_TIME_LIMIT,
    SchedulingReport,
)
from missionmatch.services.table_plan import status_counts, table_plan
from missionmatch.web.deps import (
    CurrentOrganiser,
    DbSession,
    Lang,
    ManagedMission,
    get_settings,
    get_translator,
)
from missionmatch.web.job_text import KINDS, STATES
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.jobs import job_page_url, start_job
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _page(
    request: Request,
    mission: Mission,
    db: Session,
    report: SchedulingReport | None = None,
    message: str = "",
    status_code: int = 200,
    replanned: ReplanReport | None = None,
) -> Response:
    return render(
        request,
        "schedule.html",
        status_code=status_code,
        mission=mission,
        plan=table_plan(mission),
        counts=status_counts(mission),
        report=report,
        version=latest_version(db, mission),
        message=message,
        replanned=replanned,
        jobs=mission_jobs(db, mission.id, limit=5),
        job_kinds=KINDS,
        job_states=STATES,
    )


@router.get("/missions/{slug}/schedule")
def schedule_page(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    return _page(request, mission, db)


@router.post("/missions/{slug}/schedule/run", name="schedule_run")
def run(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    organiser: CurrentOrganiser,
    time_limit: float = Form(10.0),
    suggested: bool = Form(False),
) -> Response:
    """Queues a scheduler run and shows its job page (progress, then the report)."""
    limit = max(MIN_TIME_LIMIT, min(time_limit, MAX_TIME_LIMIT))
    params = {"time_limit": limit, "include_suggested": suggested}
    return _start(request, mission, db, organiser.email, JobKind.SCHEDULE, params)


def _start(request: Request, mission: Mission, db: Session, by: str, kind: JobKind, params: dict) -> Response:
    try:
        job = start_job(request, db, mission, kind, params, by)
    except JobBusy as busy:
        db.rollback()
        message = get_translator(request).gettext(
            "A scheduler or replanning run is already under way for this mission (job %(job)s).",
            job=busy.job_id,
        )
        return _page(request, mission, db, message=message, status_code=409)
    return RedirectResponse(job_page_url(mission, job), status_code=303)


@router.post("/missions/{slug}/schedule/publish", name="schedule_publish")
def publish(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    organiser: CurrentOrganiser,
    comment: str = Form(""),
) -> Response:
    try:
        publication = publish_schedule(
            db, mission, by=organiser.email, comment=comment.strip(), mail=get_settings(request).mail
        )
    except NothingToPublish:
        message = get_translator(request).gettext("Nothing changed since the last publication.")
        return _page(request, mission, db, message=message, status_code=409)
    db.commit()
    if not publication.mails:
        return RedirectResponse(f"/missions/{mission.slug}/schedule", status_code=303)
    # the notices are in the outbox with the version; the worker delivers them (the job page counts them)
    ids = [mail.id for mail in publication.mails]
    params = {"mail_ids": ids, "version": publication.version.number}
    job = start_job(request, db, mission, JobKind.PUBLICATION_MAILS, params, organiser.email)
    return RedirectResponse(job_page_url(mission, job), status_code=303)


@router.post("/missions/{slug}/schedule/replan", name="schedule_replan")
def replan(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    organiser: CurrentOrganiser,
    time_limit: float = Form(10.0),
) -> Response:
    limit = max(MIN_TIME_LIMIT, min(time_limit, MAX_TIME_LIMIT))
    return _start(request, mission, db, organiser.email, JobKind.REPLAN, {"time_limit": limit})


@router.post("/missions/{slug}/meetings/{meeting_id}/status", name="meeting_mark_status")
def mark_meeting(
    request: Request,
    mission: ManagedMission,
    meeting_id: int,
    db: DbSession,
    t: Lang,
    status: str = Form(...),
) -> Response:
    """On the day: a meeting was held, someone did not come, or it is called off (freeing the slot)."""
    meeting = db.get(Meeting, meeting_id)
    if meeting is None or meeting.mission_id != mission.id:
        raise HTTPException(status_code=404)
    if status not in OUTCOMES:
        raise HTTPException(status_code=422, detail=f"status must be one of {', '.join(OUTCOMES)}")
    try:
        record_outcome(db, meeting, status)
    except PlacementRefused as refused:
        db.rollback()
        message = " ".join(refusal_texts(t, refused.refusals, mission.timezone))
        return _page(request, mission, db, message=message, status_code=409)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/schedule", status_code=303)


@router.post("/missions/{slug}/matching/run")
def run_matcher(
    request: Request, mission: ManagedMission, db: DbSession, organiser: CurrentOrganiser
) -> Response:
    """Recommends partners to every participant (shown on their pages) and finds mutual pairs to suggest."""
    return _start(request, mission, db, organiser.email, JobKind.MATCH, {})
