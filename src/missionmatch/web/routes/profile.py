"""Participant pages: their home and their own profile (offers and needs in the language they choose)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Profile
from missionmatch.sectors import SECTORS
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
PROFILE_LANGUAGES = ("en", "fr", "ja", "de", "lb", "nl", "it", "es", "zh")
MAX_TEXT = 4000


@router.get("/me")
def home(request: Request, me: CurrentParticipant) -> Response:
    return render(request, "me.html", me=me, mission=me.mission)


def _form(request: Request, me, saved: bool = False, errors: dict | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    return render(
        request,
        "profile.html",
        status_code=status,
        me=me,
        mission=me.mission,
        profile=me.profile,
        sectors=SECTORS,
        profile_languages=PROFILE_LANGUAGES,
        saved=saved,
        errors=errors or {},
    )


@router.get("/me/profile")
def profile_page(request: Request, me: CurrentParticipant) -> Response:
    return _form(request, me, saved=request.query_params.get("saved") == "1")


@router.post("/me/profile")
def save_profile(
    request: Request,
    me: CurrentParticipant,
    db: DbSession,
    language: Annotated[str, Form()],
    offers: Annotated[str, Form()] = "",
    needs: Annotated[str, Form()] = "",
    sectors: Annotated[list[str] | None, Form()] = None,
    spoken: Annotated[list[str] | None, Form()] = None,
) -> Response:
    errors = {}
    if language not in PROFILE_LANGUAGES:
        errors["language"] = "language"
    if len(offers) > MAX_TEXT or len(needs) > MAX_TEXT:
        errors["offers"] = "length"
    unknown = [code for code in sectors or [] if code not in SECTORS]
    if unknown:
        errors["sectors"] = "sectors"
    if errors:
        return _form(request, me, errors=errors, status=422)
    profile = me.profile or Profile(participant=me, language=language, keywords=[])
    profile.language = language
    profile.offers = offers.strip()
    profile.needs = needs.strip()
    profile.sectors = list(dict.fromkeys(sectors or []))
    me.languages = [code for code in dict.fromkeys(spoken or []) if code in PROFILE_LANGUAGES]
    db.add(profile)
    db.commit()
    return RedirectResponse("/me/profile?saved=1", status_code=303)
