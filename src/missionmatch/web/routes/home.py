"""The front door and the language switch (a plain link, remembered in a cookie for a year)."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.web.i18n import COOKIE, LANGUAGES
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def local_path(target: str | None, default: str = "/") -> str:
    """Only paths on this site, so that `next=` cannot send people elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


@router.get("/")
def index(request: Request) -> Response:
    role = request.session.get("role")
    if role == "organiser":
        return RedirectResponse("/missions", status_code=303)
    if role == "participant":
        return RedirectResponse("/me", status_code=303)
    return render(request, "index.html")


@router.get("/language/{code}")
def switch_language(code: str, next: str | None = None) -> Response:
    if code not in LANGUAGES:
        raise HTTPException(status_code=404)
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response
