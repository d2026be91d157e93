"""API tokens, for organisers (/account/tokens) and participants (/me/tokens): list with creation and
revocation times, create (the token is shown once, never stored), revoke. Another owner's token is 404."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Participant
from missionmatch.services import api_tokens
from missionmatch.web.deps import CurrentOrganiser, CurrentParticipant, DbSession
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
HOME = {"organiser": "/account/tokens", "participant": "/me/tokens"}


def _page(
    request: Request,
    db: DbSession,
    owner: api_tokens.Owner,
    new_token: str = "",
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    participant = isinstance(owner, Participant)
    response = render(
        request,
        "api_tokens.html",
        status_code=status_code,
        tokens=api_tokens.tokens_of(db, owner),
        base=HOME["participant" if participant else "organiser"],
        zone=owner.mission.timezone if isinstance(owner, Participant) else "UTC",  # isinstance narrows
        new_token=new_token,
        errors=errors or {},
        max_label=api_tokens.MAX_LABEL,
    )
    response.headers["Cache-Control"] = "no-store"  # the page may show a fresh secret
    return response


def _create(request: Request, db: DbSession, owner: api_tokens.Owner, label: str) -> Response:
    try:
        token = api_tokens.issue_token(db, owner, label)
    except ValueError:
        return _page(request, db, owner, errors={"label": "length"}, status_code=422)
    db.commit()
    return _page(request, db, owner, new_token=token, status_code=201)


def _revoke(db: DbSession, owner: api_tokens.Owner, token_id: int) -> Response:
    if api_tokens.revoke_token(db, owner, token_id) is None:
        raise HTTPException(status_code=404)
    db.commit()
    base = HOME["participant" if isinstance(owner, Participant) else "organiser"]
    return RedirectResponse(base, status_code=303)


@router.get("/account/tokens")
def organiser_tokens(request: Request, db: DbSession, organiser: CurrentOrganiser) -> Response:
    return _page(request, db, organiser)


@router.post("/account/tokens")
def organiser_create(
    request: Request, db: DbSession, organiser: CurrentOrganiser, label: Annotated[str, Form()] = ""
) -> Response:
    return _create(request, db, organiser, label)


@router.post("/account/tokens/{token_id}/revoke")
def organiser_revoke(db: DbSession, organiser: CurrentOrganiser, token_id: int) -> Response:
    return _revoke(db, organiser, token_id)


@router.get("/me/tokens")
def participant_tokens(request: Request, db: DbSession, me: CurrentParticipant) -> Response:
    return _page(request, db, me)


@router.post("/me/tokens")
def participant_create(
    request: Request, db: DbSession, me: CurrentParticipant, label: Annotated[str, Form()] = ""
) -> Response:
    return _create(request, db, me, label)


@router.post("/me/tokens/{token_id}/revoke")
def participant_revoke(db: DbSession, me: CurrentParticipant, token_id: int) -> Response:
    return _revoke(db, me, token_id)
