"""Participant pages: their home and their own profile (offers and needs in the language they choose)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.sectors import SECTORS
from missionmatch.services import profiles
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/me", name="participant_home")
def home(request: Request, me: CurrentParticipant) -> Response:
    return render(request, "me.html", me=me, mission=me.mission)


def _form(request: Request, me, saved: bool = False, errors: dict | None = None, status: int = 200):
    return render(
        request,
        "profile.html",
        status_code=status,
        me=me,
        mission=me.mission,
        profile=me.profile,
        sectors=SECTORS,
        profile_languages=profiles.PROFILE_LANGUAGES,
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
    name_order: Annotated[str, Form()] = "",
) -> Response:
    sectors, spoken = sectors or [], spoken or []
    errors = profiles.profile_problems(language, offers, needs, sectors, spoken)
    if errors:
        return _form(request, me, errors=errors, status=422)
    profiles.save_profile(
        db,
        me,
        language=language,
        offers=offers,
        needs=needs,
        sectors=sectors,
        spoken=spoken,
        name_order=name_order,
    )
    db.commit()
    return RedirectResponse("/me/profile?saved=1", status_code=303)
