"""Organiser page: a mission's dates, time zone, description, what participants see of each other, and when
and how much they may request meetings."""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, TypeVar
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.clock import instant_to_wall
from missionmatch.models import Mission
from missionmatch.models.enums import DirectoryVisibility
from missionmatch.services.mission_settings import MOST_OPEN_REQUESTS, MissionSettings, update_settings
from missionmatch.services.setup_fields import FieldError, SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.localized_forms import localized_values, submitted_texts
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import MOMENT, SetupForm, explain
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _wall_field(instant: dt.datetime | None, zone: str) -> str:
    """A stored instant as a date-and-time field shows it: the mission's clocks ('' when unset)."""
    return instant_to_wall(instant, zone).strftime(MOMENT) if instant else ""


T = TypeVar("T")
LIMIT_RANGE = FieldError("number", {"low": 1, "high": MOST_OPEN_REQUESTS})


def _wall_time(text: str) -> dt.datetime:
    """A date-and-time field (2025-05-20T09:00; seconds if a browser adds them), on the mission's clocks."""
    wall = dt.datetime.fromisoformat(text)
    if wall.utcoffset() is not None:
        raise ValueError("a mission wall time has no offset")
    return wall


def _optional(
    unreadable: dict[str, FieldError], name: str, text: str, parse: Callable[[str], T], error: FieldError
) -> T | None:
    """An optional field: None when left empty (no bound), its parsed value, or an error named after it."""
    if not text.strip():
        return None
    try:
        return parse(text.strip())
    except ValueError:
        unreadable[name] = error
        return None


def _page(
    request: Request,
    mission: Mission,
    errors: dict[str, str],
    status: int = 200,
    values: dict[str, str] | None = None,
) -> Response:
    """The form; `values` of the name and description inputs (the submitted ones after a refusal)."""
    texts = {
        **localized_values("name", mission.name, mission),
        **localized_values("description", mission.description, mission),
    }
    return render(
        request,
        "mission_settings.html",
        status_code=status,
        mission=mission,
        errors=errors,
        values={**texts, **(values or {})},
        timezones=sorted(available_timezones()),
        visibilities=[v.value for v in DirectoryVisibility],
        requests_open_at=_wall_field(mission.requests_open_at, mission.timezone),
        requests_close_at=_wall_field(mission.requests_close_at, mission.timezone),
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
    form: SetupForm,
    start_date: Annotated[dt.date, Form()],
    end_date: Annotated[dt.date, Form()],
    timezone: Annotated[str, Form()],
    directory_visibility: Annotated[str | None, Form()] = None,
    show_contact_emails: Annotated[bool, Form()] = False,
    requests_open_at: Annotated[str, Form()] = "",
    requests_close_at: Annotated[str, Form()] = "",
    max_open_requests: Annotated[str, Form()] = "",
    requests_need_approval: Annotated[bool, Form()] = False,
) -> Response:
    unreadable: dict[str, FieldError] = {}
    opens = _optional(unreadable, "requests_open_at", requests_open_at, _wall_time, FieldError("moment"))
    closes = _optional(unreadable, "requests_close_at", requests_close_at, _wall_time, FieldError("moment"))
    limit = _optional(unreadable, "max_open_requests", max_open_requests, int, LIMIT_RANGE)
    change = MissionSettings(
        start_date,
        end_date,
        timezone,
        description=submitted_texts(form, "description", mission),
        directory_visibility=directory_visibility,
        show_contact_emails=show_contact_emails,
        requests_open_at=opens,
        requests_close_at=closes,
        max_open_requests=limit,
        requests_need_approval=requests_need_approval,
        name=submitted_texts(form, "name", mission),
    )
    try:
        if unreadable:
            raise SetupRejected(unreadable)
        update_settings(db, mission, change)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, explain(t, rejected.errors), status=422, values=form)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/settings?saved=1", status_code=303)
