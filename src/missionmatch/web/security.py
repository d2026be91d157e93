"""Session contents and CSRF tokens. The session itself is Starlette's signed cookie (itsdangerous)."""

import secrets

from fastapi import HTTPException, Request

CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Router-wide dependency for the HTML pages: every unsafe request must echo the session's token."""
    if request.method in SAFE_METHODS:
        return
    form = await request.form()  # Starlette caches the parsed form for the route's own parameters
    sent = form.get(CSRF_FIELD)
    expected = request.session.get("csrf")
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="csrf")


def sign_in(request: Request, role: str, identity: int) -> None:
    # a fresh session on every sign-in: nothing from before (e.g. a planted CSRF token) carries over
    request.session.clear()
    request.session.update({"role": role, "id": identity, "csrf": secrets.token_urlsafe(32)})


def sign_out(request: Request) -> None:
    request.session.clear()
