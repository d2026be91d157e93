"""Organiser page: every published version of the B2B schedule, who published it, when, and what changed."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from missionmatch.services.schedule_versions import schedule_versions
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.templating import render

router = APIRouter()


@router.get("/missions/{slug}/schedule/versions")
def versions_page(request: Request, mission: ManagedMission, db: DbSession, t: Lang) -> Response:
    return render(
        request, "schedule_versions.html", mission=mission, versions=schedule_versions(db, mission, t)
    )
