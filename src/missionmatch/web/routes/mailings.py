"""Organiser pages: an invitation or a reminder to many participants. The organiser chooses the kind and the
recipients (everyone not yet signed in, one side, everyone, or a selection from the participant list), reads
the mail as each language's recipients will get it, then sends it: a job writes and delivers the mails
(its page shows the progress). A mailing whose job stopped can be sent again: nobody gets it twice."""

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.i18n import LANGUAGE_NAMES
from missionmatch.models import Mission
from missionmatch.models.job import JobKind
from missionmatch.services.mailing_audience import AudienceRefused, recipients
from missionmatch.services.mailing_texts import previews
from missionmatch.services.mailings import mailing_kind, mailing_of_job, plan_mailing
from missionmatch.web.deps import CurrentOrganiser, DbSession, Lang, ManagedMission, Settings
from missionmatch.web.mailing_text import MAILING_KINDS, SCOPES, audience_problem
from missionmatch.web.routes.jobs import job_page_url, start_job
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _scope(choice: str) -> tuple[str, str]:
    """ "side:host" -> ("side", "host"); the other choices have no side."""
    scope, _, side = choice.partition(":")
    return scope, side


def preview_page(
    request: Request,
    db: Session,
    mission: Mission,
    t: Lang,
    settings: Settings,
    kind: str,
    choice: str,
    ids: list[int] | None = None,
) -> Response:
    """The form, and when a kind is chosen the previews of what each language's recipients will read."""
    context: dict[str, Any] = {
        "mission": mission,
        "kinds": MAILING_KINDS,
        "scopes": SCOPES,
        "kind": kind,
        "choice": choice,
    }
    context |= {"ids": ids or [], "names": LANGUAGE_NAMES, "people": [], "previews": [], "problem": ""}
    if kind:
        scope, side = _scope(choice)
        try:
            people = recipients(db, mission, mailing_kind(kind), scope, side=side, ids=ids, now=clock.now())
        except AudienceRefused as refused:
            context["problem"] = audience_problem(t, refused)
            return render(request, "mailings.html", status_code=422, **context)
        context |= {"people": people, "previews": previews(settings.mail, mailing_kind(kind), people)}
        if not people:
            context["problem"] = audience_problem(t, AudienceRefused("recipients", ""))
    return render(request, "mailings.html", **context)


@router.get("/missions/{slug}/mailings")
def mailing_form(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    settings: Settings,
    kind: str = "",
    scope: str = "not_signed_in",
) -> Response:
    return preview_page(request, db, mission, t, settings, kind, scope)


@router.post("/missions/{slug}/mailings", name="mailing_send")
async def send(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    settings: Settings,
    organiser: CurrentOrganiser,
) -> Response:
    form = await request.form()
    text = {name: form.get(name) for name in ("kind", "scope")}
    kind, choice = (value if isinstance(value, str) else "" for value in text.values())
    ids = [int(v) for v in form.getlist("selected") if isinstance(v, str) and v.isdigit() and len(v) < 12]
    scope, side = _scope(choice)
    try:
        mailing = plan_mailing(
            db, mission, kind, scope, side=side, ids=ids, by=organiser.email, now=clock.now()
        )
    except AudienceRefused as refused:
        db.rollback()
        if refused.field == "recipients":  # nobody concerned any more: the page says so, with the form
            return preview_page(request, db, mission, t, settings, kind, choice, ids)
        return render(request, "error.html", status_code=422, message=audience_problem(t, refused))
    job = start_job(request, db, mission, JobKind.MAILING, {"mailing_id": mailing.id}, organiser.email)
    return RedirectResponse(job_page_url(mission, job), status_code=303)


@router.post("/missions/{slug}/mailings/{mailing_id}/again", name="mailing_send_again")
def send_again(
    request: Request, mission: ManagedMission, db: DbSession, organiser: CurrentOrganiser, mailing_id: int
) -> Response:
    """A new job for the same mailing: it writes only the mails still missing, delivers only the unsent."""
    mailing = mailing_of_job(db, mission, mailing_id)
    if mailing is None:
        raise HTTPException(404)
    job = start_job(request, db, mission, JobKind.MAILING, {"mailing_id": mailing.id}, organiser.email)
    return RedirectResponse(job_page_url(mission, job), status_code=303)
