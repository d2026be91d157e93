"""Organiser page: who came to a programme item, one checkbox per registered participant, saved at once."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch.models import Mission, ProgrammeItem
from missionmatch.services import programme_attendance as attendance
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.i18n import Translator
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.routes.programme import kind_names
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _path(mission: Mission, item: ProgrammeItem) -> str:
    return f"/missions/{mission.slug}/programme/{item.id}/attendance"


def _page(
    request: Request, mission: Mission, item: ProgrammeItem, db: Session, t: Translator, error: str = ""
) -> Response:
    return render(
        request,
        "programme_attendance.html",
        status_code=422 if error else 200,
        mission=mission,
        item=item,
        kinds=kind_names(t),
        registered=item.participants,
        came=attendance.attended_ids(db, item),
        count=attendance.attendance_counts(db, [item])[item.id],
        saved=request.query_params.get("saved") == "1",
        error=error,
    )


@router.get("/missions/{slug}/programme/{item_id}/attendance", name="programme_attendance_page")
def attendance_page(
    request: Request, mission: ManagedMission, item_id: int, db: DbSession, t: Lang
) -> Response:
    return _page(request, mission, row_of_mission(db, mission, ProgrammeItem, item_id), db, t)


async def came_ids(request: Request) -> list[str]:
    """The ticked checkboxes (one `came` field per participant who came)."""
    form = await request.form()
    return [value for value in form.getlist("came") if isinstance(value, str)]


@router.post("/missions/{slug}/programme/{item_id}/attendance", name="programme_attendance_save")
def save_attendance(
    request: Request,
    mission: ManagedMission,
    item_id: int,
    db: DbSession,
    t: Lang,
    came: Annotated[list[str], Depends(came_ids)],
) -> Response:
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    wrong = next((raw for raw in came if not raw.isdigit()), None)
    if wrong is not None:
        error = t.gettext("%(value)s is not a participant.", value=wrong[:40])
        return _page(request, mission, item, db, t, error=error)
    try:
        attendance.record_attendance(db, item, {int(raw) for raw in came})
    except attendance.NotRegistered as refused:
        db.rollback()
        who = refused.name or str(refused.participant_id)
        error = t.gettext("%(name)s is not registered for this item. Nothing was saved.", name=who)
        return _page(request, mission, item, db, t, error=error)
    db.commit()
    return RedirectResponse(f"{_path(mission, item)}?saved=1", status_code=303)


@router.post("/missions/{slug}/programme/{item_id}/attendance/undo", name="programme_attendance_undo")
def undo_attendance(mission: ManagedMission, item_id: int, db: DbSession) -> Response:
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    attendance.undo_attendance(db, item)
    db.commit()
    return RedirectResponse(_path(mission, item), status_code=303)
