"""Organiser page: a mission's dates, time zone, description, and what participants see of each other."""

import datetime as dt
from typing import Annotated
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models.enums import DirectoryVisibility
from missionmatch.services.mission_settings import MissionSettings, update_settings
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import explain
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _page(request: Request, mission, errors: dict[str, str], status: int = 200) -> Response:
    return render(
        request,
        "mission_settings.html",
        status_code=status,
        mission=mission,
        errors=errors,
        timezones=sorted(available_timezones()),
        visibilities=[v.value for v in DirectoryVisibility],
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/settings")
def settings_page(request: Request, mission: ManagedMission) -> Response:
    return _page(request, mission, {})


@router.post("/missions/{slug}/settings")
def save_settings(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    start_date: Annotated[dt.date, Form()],
    end_date: Annotated[dt.date, Form()],
    timezone: Annotated[str, Form()],
    description: Annotated[str, Form()] = "",
    directory_visibility: Annotated[str | None, Form()] = None,
    show_contact_emails: Annotated[bool, Form()] = False,
) -> Response:
    change = MissionSettings(
        start_date, end_date, timezone, description, directory_visibility, show_contact_emails
    )
    try:
        update_settings(db, mission, change)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, explain(t, rejected.errors), status=422)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/settings?saved=1", status_code=303)
