"""The viewer's time zone: the mission's (default) or an IANA zone they choose, e.g. Europe/Luxembourg for
colleagues back home; remembered in a cookie for a year, like the language."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.web.deps import Lang
from missionmatch.web.i18n import ZONE_COOKIE, known_zones, viewer_zone
from missionmatch.web.routes.home import local_path
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
MISSION = "mission"  # the form's value for "the mission's time zone"


def _page(request: Request, next: str, error: str = "", status: int = 200) -> Response:
    return render(
        request,
        "viewer_zone.html",
        status_code=status,
        next=local_path(next),
        chosen=viewer_zone(request.cookies.get(ZONE_COOKIE)),
        zones=sorted(known_zones()),
        error=error,
    )


@router.get("/timezone")
def zone_page(request: Request, next: str = "/") -> Response:
    return _page(request, next)


@router.post("/timezone")
def choose_zone(
    request: Request, t: Lang, zone: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    if zone != MISSION and viewer_zone(zone) is None:
        return _page(request, next, t.gettext("Unknown time zone."), status=422)
    response = RedirectResponse(local_path(next), status_code=303)
    if zone == MISSION:
        response.delete_cookie(ZONE_COOKIE)
    else:
        response.set_cookie(ZONE_COOKIE, zone, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response
