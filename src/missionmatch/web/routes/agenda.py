"""Participant page: my agenda, the programme items I registered for and my B2B meetings, in time order;
the same as a PDF and an iCalendar file (in the page's language), and my private calendar subscription URL
(created, replaced or revoked here; the secret is shown once)."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import ProgrammeItem
from missionmatch.services import calendar_feeds
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.agenda import participant_agenda
from missionmatch.services.agenda_document import agenda_document
from missionmatch.services.programme_waiting import waiting_of
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.agenda_files import ics_response, pdf_response
from missionmatch.web.deps import CurrentParticipant, DbSession, Lang, Settings
from missionmatch.web.page_cache import PageCacheDep, cached_page
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def feed_url(base_url: str, token: str) -> str:
    return f"{base_url}/calendar/{token}.ics"


def _page(request: Request, me: CurrentParticipant, db: DbSession, new_feed_url: str = "") -> Response:
    """`new_feed_url` only from the action that created it, never from the query string."""
    mine = participant_agenda(db, me)
    response = render(
        request,
        "agenda.html",
        me=me,
        mission=me.mission,
        entries=mine.entries,
        unscheduled=mine.unscheduled,
        waiting=waiting_of(db, me),
        feed=calendar_feeds.active_feed(db, me),
        new_feed_url=new_feed_url,
    )
    if new_feed_url:
        response.headers["Cache-Control"] = "no-store"  # a fresh secret: never cached, never kept
    return response


@router.get("/me/agenda")
def agenda(request: Request, me: CurrentParticipant, db: DbSession, cache: PageCacheDep) -> Response:
    return cached_page(request, cache, "agenda", me, lambda: _page(request, me, db))


@router.get("/me/agenda.pdf")
def agenda_as_pdf(me: CurrentParticipant, db: DbSession, t: Lang) -> Response:
    return pdf_response(agenda_document(db, me, language=t.language))


@router.get("/me/agenda.ics")
def agenda_as_ics(me: CurrentParticipant, db: DbSession, t: Lang) -> Response:
    return ics_response(agenda_document(db, me, language=t.language))


@router.post("/me/agenda/calendar-feed")
def create_calendar_feed(
    request: Request, me: CurrentParticipant, db: DbSession, settings: Settings
) -> Response:
    token = calendar_feeds.create_feed(db, me)
    db.commit()
    return _page(request, me, db, new_feed_url=feed_url(settings.base_url, token))


@router.post("/me/waiting/{item_id}/leave")
def leave_waiting_list(me: CurrentParticipant, item_id: int, db: DbSession) -> Response:
    """A participant gives up their place on a waiting list (nothing happens if they were no longer on it)."""
    item = db.get(ProgrammeItem, item_id)
    if item is None or item.mission_id != me.mission_id:
        raise HTTPException(status_code=404)
    try:
        waiting.leave(db, item, me)
    except SetupRejected:
        db.rollback()  # promoted or taken off meanwhile: the agenda shows where they are now
    else:
        db.commit()
    return RedirectResponse("/me/agenda", status_code=303)


@router.post("/me/agenda/calendar-feed/revoke")
def revoke_calendar_feed(me: CurrentParticipant, db: DbSession) -> Response:
    calendar_feeds.revoke_feed(db, me)
    db.commit()
    return RedirectResponse("/me/agenda", status_code=303)
