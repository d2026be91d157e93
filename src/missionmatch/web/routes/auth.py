"""Signing in and out: organisers with a password, participants with a one-time link sent by mail."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.services.accounts import (
    RateLimited,
    authenticate_organiser,
    participations_of,
    redeem_login_link,
)
from missionmatch.services.notifications import send_login_link
from missionmatch.web.deps import DbSession, Lang, Settings
from missionmatch.web.routes.home import local_path
from missionmatch.web.security import sign_in, sign_out, verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=local_path(next, "/missions"), email="")


@router.post("/login")
def login(
    request: Request,
    db: DbSession,
    t: Lang,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/missions",
) -> Response:
    client = request.client.host if request.client else "unknown"
    try:
        account = authenticate_organiser(db, email.strip(), password, client)
    except RateLimited:
        error, status = t.gettext("Too many failed attempts. Please wait 15 minutes and try again."), 429
    else:
        if account is not None:
            db.commit()
            sign_in(request, "organiser", account.id)
            return RedirectResponse(local_path(next, "/missions"), status_code=303)
        db.commit()  # keep the failed attempt for the rate limit
        error, status = t.gettext("Wrong e-mail address or password."), 401
    return render(request, "login.html", status_code=status, error=error, next=next, email=email)


@router.post("/logout")
def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/login/participant")
def participant_login_page(request: Request) -> Response:
    # no list of missions: an anonymous visitor learns nothing about who travels where
    return render(request, "participant_login.html", sent=False)


@router.post("/login/participant")
def request_link(
    request: Request, db: DbSession, settings: Settings, email: Annotated[str, Form()]
) -> Response:
    # one link per mission the address is registered for, each mail naming its mission
    for participant in participations_of(db, email):
        send_login_link(db, settings.mail, participant)
    db.commit()
    # the same answer whether or not the address is registered: the page must not reveal who takes part
    return render(request, "participant_login.html", sent=True)


@router.get("/login/link/{token}")
def confirm_link(request: Request, token: str) -> Response:
    # A button rather than an immediate sign-in: mail scanners that open links must not use them up.
    return render(request, "link_confirm.html", token=token)


@router.post("/login/link/{token}")
def use_link(request: Request, db: DbSession, t: Lang, token: str) -> Response:
    participant = redeem_login_link(db, token)
    db.commit()
    if participant is None:
        message = t.gettext("This sign-in link is invalid, expired or already used. Ask for a new one.")
        return render(request, "error.html", status_code=410, message=message)
    sign_in(request, "participant", participant.id)
    return RedirectResponse("/me", status_code=303)
