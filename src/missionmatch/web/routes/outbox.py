"""Organiser page: every mail the application sent or queued for a mission, searched by recipient or
subject, filtered by kind and status, a page at a time; one mail or a selection can be sent again."""

from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.outbox_resend import ResendRefused, resend
from missionmatch.services.outbox_search import STATUSES, OutboxQuery, search_outbox
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.mailing_text import MAIL_KINDS, MAIL_STATUSES, resend_problem
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _page(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    query: OutboxQuery,
    *,
    message: str = "",
    status_code: int = 200,
) -> Response:
    mails, paging = search_outbox(db, mission, query)
    return render(
        request,
        "outbox.html",
        status_code=status_code,
        mission=mission,
        mails=mails,
        paging=paging,
        query=query,
        kinds=MAIL_KINDS,
        statuses={code: MAIL_STATUSES[code] for code in STATUSES},
        message=message,
    )


@router.get("/missions/{slug}/outbox")
def outbox_page(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    return _page(request, mission, db, OutboxQuery.parse(request.query_params))


@router.post("/missions/{slug}/outbox/resend")
async def resend_mails(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, settings: Settings
) -> Response:
    form = await request.form()
    ids = [int(v) for v in form.getlist("selected") if isinstance(v, str) and v.isdigit() and len(v) < 12]
    back = form.get("back")
    query = OutboxQuery.parse(dict(parse_qsl(back if isinstance(back, str) else "")))
    try:
        copies = resend(db, settings.mail, mission, ids)
    except ResendRefused as refused:
        db.rollback()
        return _page(request, mission, db, query, message=resend_problem(t, refused), status_code=422)
    db.commit()
    message = t.ngettext("%(n)s mail sent again.", "%(n)s mails sent again.", len(copies))
    return _page(request, mission, db, query, message=message)
