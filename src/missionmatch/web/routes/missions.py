"""Organiser pages: the missions they manage and each mission's dashboard."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.summary import summarise
from missionmatch.web.deps import CurrentOrganiser, ManagedMission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions")
def mission_list(request: Request, organiser: CurrentOrganiser) -> Response:
    return render(request, "missions.html", organiser=organiser, missions=organiser.missions)


@router.get("/missions/{slug}")
def dashboard(request: Request, mission: ManagedMission) -> Response:
    return render(request, "dashboard.html", mission=mission, summary=summarise(mission))
