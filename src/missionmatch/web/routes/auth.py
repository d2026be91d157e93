"""Signing in and out: organisers with a password, participants with a one-time link sent by mail."""

import math
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.i18n import Translator
from missionmatch.services.accounts import (
    Throttled,
    authenticate_organiser,
    participants_to_send_a_link,
    redeem_login_link,
)
from missionmatch.services.notifications import send_login_link
from missionmatch.web.deps import DbSession, Lang, Settings
from missionmatch.web.routes.home import local_path
from missionmatch.web.security import sign_in, sign_out, verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def client_of(request: Request) -> str:
    # the address web/proxies.py settled on: the peer, or a configured proxy's X-Forwarded-For
    return request.client.host if request.client else "unknown"


def wait_message(t: Translator, throttled: Throttled) -> str:
    if throttled.retry_after < 120:
        return t.gettext(
            "Too many attempts. Please try again in %(seconds)s seconds.", seconds=throttled.retry_after
        )
    minutes = math.ceil(throttled.retry_after / 60)
    return t.gettext("Too many attempts. Please try again in %(minutes)s minutes.", minutes=minutes)


def too_many(response: Response, throttled: Throttled) -> Response:
    response.headers["Retry-After"] = str(throttled.retry_after)
    return response


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=local_path(next, "/missions"), email="")


@router.post("/login", name="login_submit")
def login(
    request: Request,
    db: DbSession,
    t: Lang,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/missions",
) -> Response:
    try:
        account = authenticate_organiser(db, email, password, client_of(request))
    except Throttled as throttled:
        page = render(
            request, "login.html", status_code=429, error=wait_message(t, throttled), next=next, email=email
        )
        return too_many(page, throttled)
    if account is None:
        db.commit()
        error = t.gettext("Wrong e-mail address or password.")
        return render(request, "login.html", status_code=401, error=error, next=next, email=email)
    sign_in(request, db, organiser=account)
    db.commit()
    return RedirectResponse(local_path(next, "/missions"), status_code=303)


@router.post("/logout")
def logout(request: Request, db: DbSession) -> Response:
    sign_out(request, db)
    db.commit()
    return RedirectResponse("/", status_code=303)


@router.get("/login/participant")
def participant_login_page(request: Request) -> Response:
    # no list of missions: an anonymous visitor learns nothing about who travels where
    return render(request, "participant_login.html", sent=False)


@router.post("/login/participant", name="participant_login_request")
def request_link(
    request: Request, db: DbSession, t: Lang, settings: Settings, email: Annotated[str, Form()]
) -> Response:
    try:
        participants = participants_to_send_a_link(db, email, client_of(request))
    except Throttled as throttled:
        page = render(request, "too_many.html", status_code=429, message=wait_message(t, throttled))
        return too_many(page, throttled)
    # one link per mission the address is registered for, each mail naming its mission
    for participant in participants:
        send_login_link(db, settings.mail, participant)
    db.commit()
    # the same answer whether or not the address is registered: the page must not reveal who takes part
    return render(request, "participant_login.html", sent=True)


@router.get("/login/link/{token}", name="login_link_confirm")
def confirm_link(request: Request, token: str) -> Response:
    # A button rather than an immediate sign-in: mail scanners that open links must not use them up.
    return render(request, "link_confirm.html", token=token)


@router.post("/login/link/{token}", name="login_link_use")
def use_link(request: Request, db: DbSession, t: Lang, token: str) -> Response:
    participant = redeem_login_link(db, token)
    if participant is None:
        db.commit()
        message = t.gettext("This sign-in link is invalid, expired or already used. Ask for a new one.")
        return render(request, "error.html", status_code=410, message=message)
    sign_in(request, db, participant=participant)
    db.commit()
    return RedirectResponse("/me", status_code=303)
