"""An organiser changes their password; every other session of the account ends with the old one."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from missionmatch.services.accounts import MIN_PASSWORD_LENGTH, Throttled, change_password
from missionmatch.web.deps import CurrentOrganiser, DbSession, Lang
from missionmatch.web.routes.auth import client_of, too_many, wait_message
from missionmatch.web.security import sign_in, verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/account/password")
def password_page(request: Request, organiser: CurrentOrganiser) -> Response:
    return render(request, "account_password.html", minimum=MIN_PASSWORD_LENGTH)


@router.post("/account/password")
def password_change(
    request: Request,
    organiser: CurrentOrganiser,
    db: DbSession,
    t: Lang,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
) -> Response:
    try:
        problem = change_password(db, organiser, current, new, client_of(request))
    except Throttled as throttled:
        page = render(
            request,
            "account_password.html",
            status_code=429,
            minimum=MIN_PASSWORD_LENGTH,
            error=wait_message(t, throttled),
        )
        return too_many(page, throttled)
    if problem is not None:
        db.commit()  # a wrong current password counts like a failed sign-in
        errors = {
            "wrong_password": t.gettext("The current password is wrong."),
            "too_short": t.gettext(
                "The new password needs at least %(count)s characters.", count=MIN_PASSWORD_LENGTH
            ),
        }
        return render(
            request,
            "account_password.html",
            status_code=400,
            minimum=MIN_PASSWORD_LENGTH,
            error=errors[problem],
        )
    sign_in(request, db, organiser=organiser)  # this browser stays signed in, with a new session
    db.commit()
    return render(request, "account_password.html", minimum=MIN_PASSWORD_LENGTH, changed=True)
