"""Organiser pages: the mission's programme items (list, create, edit, delete) and who is registered."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch.models import Mission, Participant, ProgrammeItem
from missionmatch.models.enums import ProgrammeKind, Side
from missionmatch.sectors import SECTORS
from missionmatch.services import programme_setup as setup
from missionmatch.services.programme_attendance import attendance_counts
from missionmatch.services.programme_waiting import waiting_counts
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.i18n import Translator
from missionmatch.web.localized_forms import localized_values
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.programme_waiting_text import committed_with_mails, registration_notice, waiting_rows
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import MOMENT, SetupForm, explain
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def kind_names(t: Translator) -> dict[str, str]:
    return {
        ProgrammeKind.FORUM: t.gettext("Forum"),
        ProgrammeKind.WORKSHOP: t.gettext("Workshop"),
        ProgrammeKind.COMPANY_VISIT: t.gettext("Company visit"),
        ProgrammeKind.RECEPTION: t.gettext("Reception"),
        ProgrammeKind.PAVILION_VISIT: t.gettext("Pavilion visit"),
        ProgrammeKind.TRAVEL: t.gettext("Travel"),
        ProgrammeKind.OTHER: t.gettext("Other"),
    }


def _values(item: ProgrammeItem) -> dict[str, str]:
    """The form's text values for an existing item."""
    return {
        "kind": item.kind.value,
        **localized_values("title", item.title, item.mission),
        "sector": item.sector or "",
        "city": item.city,
        **localized_values("venue", item.venue, item.mission),
        "address": item.address,
        "host_organisation_id": str(item.host_organisation_id or ""),
        "starts_at": item.starts_at.strftime(MOMENT),
        "ends_at": item.ends_at.strftime(MOMENT),
        "capacity": "" if item.capacity is None else str(item.capacity),
        **localized_values("description", item.description, item.mission),
    }


def _form_page(
    request: Request,
    mission: Mission,
    t: Translator,
    values: dict[str, str],
    item: ProgrammeItem | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "programme_form.html",
        status_code=422 if errors else 200,
        mission=mission,
        item=item,
        values=values,
        errors=errors or {},
        kinds=kind_names(t),
        sectors=SECTORS,
        hosts=setup.host_organisations(mission),
    )


@router.get("/missions/{slug}/programme")
def programme_list(request: Request, mission: ManagedMission, db: DbSession, t: Lang) -> Response:
    clash_counts = {item.id: len(setup.clashes(db, item)) for item in mission.programme_items}
    return render(
        request,
        "programme.html",
        mission=mission,
        items=mission.programme_items,
        kinds=kind_names(t),
        clash_counts=clash_counts,
        attended=attendance_counts(db, mission.programme_items),
        waiting=waiting_counts(db, mission.programme_items),
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/programme/new", name="programme_item_new")
def new_item(request: Request, mission: ManagedMission, t: Lang) -> Response:
    start = mission.start_date.strftime("%Y-%m-%dT09:00")
    return _form_page(request, mission, t, {"kind": "forum", "starts_at": start, "ends_at": start})


@router.post("/missions/{slug}/programme", name="programme_item_create")
def create(request: Request, mission: ManagedMission, db: DbSession, t: Lang, form: SetupForm) -> Response:
    try:
        item = setup.create_item(db, mission, setup.read_item(mission, form))
    except SetupRejected as rejected:
        return _form_page(request, mission, t, form, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/programme/{item.id}/participants", status_code=303)


@router.get("/missions/{slug}/programme/{item_id}", name="programme_item_edit")
def edit_item(request: Request, mission: ManagedMission, item_id: int, db: DbSession, t: Lang) -> Response:
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    return _form_page(request, mission, t, _values(item), item=item)


@router.post("/missions/{slug}/programme/{item_id}", name="programme_item_save")
def save_item(
    request: Request,
    mission: ManagedMission,
    item_id: int,
    db: DbSession,
    t: Lang,
    form: SetupForm,
    settings: Settings,
) -> Response:
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    try:
        promotions = setup.update_item(db, settings.mail, item, setup.read_item(mission, form))
    except SetupRejected as rejected:
        db.rollback()
        return _form_page(request, mission, t, form, item=item, errors=explain(t, rejected.errors))
    committed_with_mails(db, settings, promotions)
    return RedirectResponse(f"/missions/{mission.slug}/programme?saved=1", status_code=303)


@router.post("/missions/{slug}/programme/{item_id}/delete", name="programme_item_delete")
def delete(mission: ManagedMission, item_id: int, db: DbSession) -> Response:
    setup.delete_item(db, row_of_mission(db, mission, ProgrammeItem, item_id))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/programme?saved=1", status_code=303)


def _registrations_page(
    request: Request, mission: Mission, item: ProgrammeItem, db: Session, t: Translator, error: str = ""
) -> Response:
    return render(
        request,
        "programme_participants.html",
        status_code=422 if error else 200,
        mission=mission,
        item=item,
        kinds=kind_names(t),
        registered=item.participants,
        candidates=setup.unregistered(db, mission, item),
        clashes=setup.clashes(db, item),
        waiting=waiting_rows(db, item, t),
        notice=registration_notice(t, request.query_params),
        error=error,
    )


@router.get("/missions/{slug}/programme/{item_id}/participants", name="programme_item_registrations")
def registrations(
    request: Request, mission: ManagedMission, item_id: int, db: DbSession, t: Lang
) -> Response:
    return _registrations_page(request, mission, row_of_mission(db, mission, ProgrammeItem, item_id), db, t)


async def chosen_ids(request: Request) -> list[str]:
    """The repeated participant_id field of a multiple select."""
    form = await request.form()
    return [value for value in form.getlist("participant_id") if isinstance(value, str)]


def _participant_of(db: Session, mission: Mission, raw_id: str) -> Participant:
    participant = db.get(Participant, int(raw_id)) if raw_id.isdigit() else None
    if participant is None or participant.mission_id != mission.id:
        raise HTTPException(status_code=404)
    return participant


@router.post("/missions/{slug}/programme/{item_id}/participants", name="programme_item_add_participants")
def add_participants(
    request: Request,
    mission: ManagedMission,
    item_id: int,
    db: DbSession,
    t: Lang,
    form: SetupForm,
    chosen: Annotated[list[str], Depends(chosen_ids)],
) -> Response:
    """Registers the chosen participants, or a whole side at once (`everyone`); capacity is all or nothing."""
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    everyone = form.get("everyone", "")
    if everyone in (Side.DELEGATION.value, Side.HOST.value):
        people = setup.unregistered(db, mission, item, Side(everyone))
    else:
        people = [_participant_of(db, mission, raw) for raw in chosen]
    try:
        result = setup.register(db, item, people)
    except SetupRejected as rejected:
        db.rollback()
        error = explain(t, rejected.errors)["participant_id"]
        return _registrations_page(request, mission, item, db, t, error=error)
    db.commit()
    path = f"/missions/{mission.slug}/programme/{item.id}/participants"
    return RedirectResponse(
        f"{path}?added={len(result.added)}&waiting={len(result.waiting)}", status_code=303
    )


@router.post(
    "/missions/{slug}/programme/{item_id}/participants/{participant_id}/remove",
    name="programme_item_remove_participant",
)
def remove_participant(
    mission: ManagedMission, item_id: int, participant_id: int, db: DbSession, settings: Settings
) -> Response:
    """Cancels a registration: the first on the waiting list who can come takes the place."""
    item = row_of_mission(db, mission, ProgrammeItem, item_id)
    person = _participant_of(db, mission, str(participant_id))
    promotions = setup.unregister(db, settings.mail, item, person)
    committed_with_mails(db, settings, promotions)
    path = f"/missions/{mission.slug}/programme/{item.id}/participants"
    return RedirectResponse(f"{path}?promoted={len(promotions.promoted)}", status_code=303)
