"""Sessions, CSRF tokens and the text every form or API body may carry.

The session cookie is Starlette's signed cookie (itsdangerous); it carries the CSRF token, the signed-in
role (for the menus) and the random id of a server-side session (services/web_sessions.py). Who is signed
in is decided by that server-side session alone: logging out ends it, so a copied cookie stops working."""

import json
import secrets

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from missionmatch.models import OrganiserAccount, Participant, WebSession
from missionmatch.services.problems import Problem
from missionmatch.services.text_rules import document_problems
from missionmatch.services.web_sessions import end_session, open_session, resolve_session

CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def _refuse(problems: list[Problem]) -> None:
    if problems:
        places = [p.field if p.where == "body" else f"{p.where}.{p.field}".rstrip(".") for p in problems]
        raise RequestValidationError(
            [
                {"loc": ("body", place), "msg": problem.reason, "type": "value_error"}
                for place, problem in zip(places, problems, strict=True)
            ]
        )


async def verify_csrf(request: Request) -> None:
    """Router-wide dependency for the HTML pages: every unsafe request must echo the session's token, and
    its text fields keep to the text rules (422 naming the field otherwise)."""
    if request.method in SAFE_METHODS:
        return
    form = await request.form()  # Starlette caches the parsed form for the route's own parameters
    sent = form.get(CSRF_FIELD)
    expected = request.session.get("csrf")
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="csrf")
    fields: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(name, []).append(value)
    _refuse(document_problems({n: v[0] if len(v) == 1 else v for n, v in fields.items()}, any_field=True))


async def verify_body_text(request: Request) -> None:
    """Router-wide dependency for /api/v1: the strings of a JSON body keep to the text rules."""
    if request.method in SAFE_METHODS or "json" not in request.headers.get("content-type", ""):
        return
    try:
        body = json.loads(await request.body())
    except ValueError:
        return  # not JSON: FastAPI's own validation answers 422
    _refuse(document_problems(body, any_field=True))


def sign_in(
    request: Request,
    db: Session,
    *,
    organiser: OrganiserAccount | None = None,
    participant: Participant | None = None,
) -> None:
    """Opens a server-side session and a fresh cookie: nothing from before (e.g. a planted CSRF token)
    carries over. The caller commits."""
    end_session(db, request.session.get("sid", ""))  # signing in again ends the session this browser had
    token = open_session(db, organiser=organiser, participant=participant)
    role = "organiser" if organiser is not None else "participant"
    request.session.clear()
    request.session.update({"role": role, "sid": token, "csrf": secrets.token_urlsafe(32)})


def signed_in(request: Request, db: Session) -> WebSession | None:
    """The open server-side session of this cookie; a cookie whose session has ended is emptied."""
    found = resolve_session(db, request.session.get("sid", ""))
    db.commit()  # keeps the session's last use (written every few minutes), before the route does anything
    if found is None and "role" in request.session:
        request.session.pop("role", None)
        request.session.pop("sid", None)
    return found


def sign_out(request: Request, db: Session) -> None:
    end_session(db, request.session.get("sid", ""))
    request.session.clear()
