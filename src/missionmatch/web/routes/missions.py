"""Organiser pages: the missions they manage and each mission's dashboard."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from missionmatch.models import Mission
from missionmatch.services.summary import summarise
from missionmatch.web.deps import CurrentOrganiser, DbSession, ManagedMission
from missionmatch.web.page_cache import PageCacheDep, cache_key, cached_response
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions")
def mission_list(request: Request, organiser: CurrentOrganiser) -> Response:
    return render(request, "missions.html", organiser=organiser, missions=organiser.missions)


@router.get("/missions/{slug}", name="mission_dashboard")
def dashboard(
    request: Request, mission: ManagedMission, organiser: CurrentOrganiser, db: DbSession, cache: PageCacheDep
) -> Response:
    # every figure comes from the mission's content: cached by its revision (web/page_cache.py)
    viewer = ("organiser", organiser.id)
    etag = cache_key(request, "dashboard", viewer, mission.content_revision) if cache.entries else ""
    return cached_response(request, cache, etag, lambda: _dashboard(request, mission, db))


def _dashboard(request: Request, mission: Mission, db: Session) -> Response:
    return render(request, "dashboard.html", mission=mission, summary=summarise(db, mission))
