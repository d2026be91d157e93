"""The organisers' bulk agendas: every agenda of the mission as one PDF or a zip (a PDF and an iCalendar
file per participant), made by the worker as an `agendas` job; the job page links the file once done."""

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.exports.agenda_bundle import BundleFormat
from missionmatch.models.job import JobKind
from missionmatch.web.deps import CurrentOrganiser, DbSession, ManagedMission
from missionmatch.web.routes.jobs import job_page_url, start_job
from missionmatch.web.security import verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.post("/missions/{slug}/agendas/all")
def all_agendas(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    organiser: CurrentOrganiser,
    format: str = Form(BundleFormat.PDF.value),
) -> Response:
    """Queues the bundle and shows its job page (progress, then the download link)."""
    if format not in {f.value for f in BundleFormat}:
        raise HTTPException(status_code=400, detail=f"format: {format[:20]!r} is not pdf or zip")
    job = start_job(request, db, mission, JobKind.AGENDAS, {"format": format}, organiser.email)
    return RedirectResponse(job_page_url(mission, job), status_code=303)
