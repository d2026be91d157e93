"""Organiser pages: the waiting list of a full programme item (take someone off it, move them, promote them
by hand). The list itself is shown on the item's registrations page (routes/programme.py)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch.models import Mission, ProgrammeItem
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.programme_promotion import promote
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.i18n import Translator
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.programme_waiting_text import committed_with_mails
from missionmatch.web.routes.programme import _participant_of, _registrations_page
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import SetupForm, explain

router = APIRouter(dependencies=[Depends(verify_csrf)])
PAGE = "/missions/{slug}/programme/{item_id}/participants"


def _back(slug: str, item_id: int, query: str = "") -> Response:
    return RedirectResponse(PAGE.format(slug=slug, item_id=item_id) + query, status_code=303)


def _refused(
    request: Request,
    mission: Mission,
    item: ProgrammeItem,
    db: Session,
    t: Translator,
    rejected: SetupRejected,
) -> Response:
    """Nothing written; the registrations page again, saying why."""
    db.rollback()
    return _registrations_page(request, mission, item, db, t, explain(t, rejected.errors)["participant_id"])


@router.post(
    "/missions/{slug}/programme/{item_id}/waiting/{participant_id}/remove", name="programme_waiting_remove"
)
def take_off(
    request: Request, mission: ManagedMission, item_id: int, participant_id: int, db: DbSession, t: Lang
) -> Response:
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    try:
        waiting.leave(db, item, _participant_of(db, mission, str(participant_id)))
    except SetupRejected as rejected:
        return _refused(request, mission, item, db, t, rejected)
    db.commit()
    return _back(mission.slug, item.id)


@router.post(
    "/missions/{slug}/programme/{item_id}/waiting/{participant_id}/move", name="programme_waiting_move"
)
def move(
    request: Request,
    mission: ManagedMission,
    item_id: int,
    participant_id: int,
    db: DbSession,
    t: Lang,
    form: SetupForm,
) -> Response:
    """Puts a waiting participant at the position given (1: next to be promoted)."""
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    raw = form.get("position", "").strip()
    if not raw.isdigit() or int(raw) < 1:
        return _registrations_page(request, mission, item, db, t, t.gettext("Give a position from 1."))
    try:
        waiting.move(db, item, _participant_of(db, mission, str(participant_id)), int(raw))
    except SetupRejected as rejected:
        return _refused(request, mission, item, db, t, rejected)
    db.commit()
    return _back(mission.slug, item.id)


@router.post(
    "/missions/{slug}/programme/{item_id}/waiting/{participant_id}/promote", name="programme_waiting_promote"
)
def promote_now(
    request: Request,
    mission: ManagedMission,
    item_id: int,
    participant_id: int,
    db: DbSession,
    t: Lang,
    settings: Settings,
) -> Response:
    """Registers a waiting participant out of turn, if a place is free."""
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    try:
        promotions = promote(db, settings.mail, item, _participant_of(db, mission, str(participant_id)))
    except SetupRejected as rejected:
        return _refused(request, mission, item, db, t, rejected)
    committed_with_mails(db, settings, promotions)
    return _back(mission.slug, item.id, f"?promoted={len(promotions.promoted)}")
