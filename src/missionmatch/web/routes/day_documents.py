"""Organiser pages for the day of a B2B session: the table plan as a grid of slots × tables (the published
schedule, or the draft with ?draft=1)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.models import B2BSession
from missionmatch.services.day_documents import day_documents
from missionmatch.web.deps import DbSession, ManagedMission
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions/{slug}/sessions/{session_id}/grid")
def session_grid(
    request: Request, mission: ManagedMission, session_id: int, db: DbSession, draft: bool = False
) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    return render(request, "session_grid.html", mission=mission, documents=day_documents(db, b2b, draft))
