"""Organiser pages: B2B sessions (slots, pauses, tables) and their interpreter pools."""

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, InterpreterPool, Mission
from missionmatch.services import interpreter_setup, session_setup
from missionmatch.services.mission_document import LANGUAGES
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.i18n import Translator
from missionmatch.web.localized_forms import localized_values
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import MOMENT, SetupForm, explain
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _pool_of(db: Session, b2b: B2BSession, pool_id: int) -> InterpreterPool:
    pool = db.get(InterpreterPool, pool_id)
    if pool is None or pool.session_id != b2b.id:
        raise HTTPException(status_code=404)
    return pool


def _values(b2b: B2BSession) -> dict[str, str]:
    return {
        **localized_values("name", b2b.name, b2b.mission),
        "city": b2b.city,
        **localized_values("venue", b2b.venue, b2b.mission),
        "starts_at": b2b.starts_at.strftime(MOMENT),
        "slot_minutes": str(b2b.slot_minutes),
        "slot_count": str(b2b.slot_count),
        "tables": str(b2b.tables),
        "seats": str(b2b.seats),
        "breaks": session_setup.format_breaks(b2b.breaks),
    }


def _form_page(
    request: Request,
    mission: Mission,
    db: Session,
    values: dict[str, str],
    b2b: B2BSession | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "sessions_form.html",
        status_code=422 if errors else 200,
        mission=mission,
        b2b=b2b,
        values=values,
        errors=errors or {},
        scheduled=session_setup.scheduled_meetings(db, b2b) if b2b else [],
        languages=sorted(LANGUAGES),
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/sessions")
def session_list(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    return render(
        request,
        "sessions.html",
        mission=mission,
        sessions=mission.b2b_sessions,
        scheduled={b.id: len(session_setup.scheduled_meetings(db, b)) for b in mission.b2b_sessions},
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/sessions/new")
def new_session(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    start = mission.start_date.strftime("%Y-%m-%dT14:00")
    values = {
        "starts_at": start,
        "slot_minutes": "20",
        "slot_count": "12",
        "tables": "10",
        "seats": "4",
        "breaks": "",
    }
    return _form_page(request, mission, db, values)


@router.post("/missions/{slug}/sessions", name="session_create")
def create(request: Request, mission: ManagedMission, db: DbSession, t: Lang, form: SetupForm) -> Response:
    try:
        b2b = session_setup.create_session(db, mission, session_setup.read_session(mission, form))
    except SetupRejected as rejected:
        return _form_page(request, mission, db, form, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/sessions/{b2b.id}?saved=1", status_code=303)


@router.get("/missions/{slug}/sessions/{session_id}")
def edit_session(request: Request, mission: ManagedMission, session_id: int, db: DbSession) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    return _form_page(request, mission, db, _values(b2b), b2b=b2b)


def _changed(
    request: Request,
    mission: Mission,
    db: Session,
    t: Translator,
    b2b: B2BSession,
    change: Callable[[], object],
    then: str = "",
) -> Response:
    """Makes `change` to the session or its interpreters, then goes to `then` (else the session's page); a
    refusal shows the session's page again, with the current values and the refusal next to its field."""
    try:
        change()
    except SetupRejected as rejected:
        db.rollback()
        return _form_page(request, mission, db, _values(b2b), b2b=b2b, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(then or f"/missions/{mission.slug}/sessions/{b2b.id}?saved=1", status_code=303)


@router.post("/missions/{slug}/sessions/{session_id}")
def save_session(
    request: Request, mission: ManagedMission, session_id: int, db: DbSession, t: Lang, form: SetupForm
) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    try:
        session_setup.update_session(db, b2b, session_setup.read_session(mission, form))
    except SetupRejected as rejected:
        db.rollback()
        return _form_page(request, mission, db, form, b2b=b2b, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/sessions/{b2b.id}?saved=1", status_code=303)


@router.post("/missions/{slug}/sessions/{session_id}/delete", name="session_delete")
def delete(request: Request, mission: ManagedMission, session_id: int, db: DbSession, t: Lang) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    deleting = partial(session_setup.delete_session, db, b2b)
    return _changed(request, mission, db, t, b2b, deleting, then=f"/missions/{mission.slug}/sessions?saved=1")


@router.post("/missions/{slug}/sessions/{session_id}/interpreters", name="session_pool_add")
def add_pool(
    request: Request, mission: ManagedMission, session_id: int, db: DbSession, t: Lang, form: SetupForm
) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    languages = form.get("language_a", ""), form.get("language_b", "")
    adding = partial(interpreter_setup.add_pool, db, b2b, *languages, form.get("count", ""))
    return _changed(request, mission, db, t, b2b, adding)


@router.post("/missions/{slug}/sessions/{session_id}/interpreters/{pool_id}", name="session_pool_count")
def set_pool_count(
    request: Request,
    mission: ManagedMission,
    session_id: int,
    pool_id: int,
    db: DbSession,
    t: Lang,
    form: SetupForm,
) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    pool = _pool_of(db, b2b, pool_id)
    counting = partial(interpreter_setup.set_pool_count, db, pool, form.get("count", ""))
    return _changed(request, mission, db, t, b2b, counting)


@router.post(
    "/missions/{slug}/sessions/{session_id}/interpreters/{pool_id}/delete", name="session_pool_remove"
)
def remove_pool(
    request: Request, mission: ManagedMission, session_id: int, pool_id: int, db: DbSession, t: Lang
) -> Response:
    b2b = row_of_mission(db, mission, B2BSession, session_id)
    removing = partial(interpreter_setup.remove_pool, db, _pool_of(db, b2b, pool_id))
    return _changed(request, mission, db, t, b2b, removing)
