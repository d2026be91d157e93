"""Organiser page: every mail the application sent or queued for a mission."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.mail import outbox
from missionmatch.web.deps import DbSession, ManagedMission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions/{slug}/outbox")
def outbox_page(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    return render(request, "outbox.html", mission=mission, mails=outbox(db, mission))
