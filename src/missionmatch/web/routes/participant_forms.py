"""Organiser pages: add a participant, edit one (identity, organisation, languages, arrival and departure,
unavailability, limits, hosted table, the profile on their behalf)."""

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Mission, Participant
from missionmatch.sectors import SECTORS
from missionmatch.services.participant_editing import ParticipantInput, save_participant, window_indexes
from missionmatch.services.participant_limits import smallest_session_tables
from missionmatch.services.profiles import PROFILE_LANGUAGES
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.participant_text import explain
from missionmatch.web.routes.participants import _participant_of, refuse_erased
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import MOMENT
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


async def participant_input(request: Request) -> ParticipantInput:
    form = await request.form()
    values = {name: value for name, value in form.items() if isinstance(value, str)}
    lists = {name: [v for v in form.getlist(name) if isinstance(v, str)] for name in ("languages", "sectors")}
    return ParticipantInput(values, lists["languages"], lists["sectors"])


def _moment(value: dt.datetime | None) -> str:
    return value.strftime(MOMENT) if value is not None else ""


def _values(participant: Participant) -> ParticipantInput:
    profile = participant.profile
    values = {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "email": participant.email,
        "organisation": str(participant.organisation_id),
        "job_title": participant.job_title,
        "name_order": participant.name_order or "",
        "timezone": participant.timezone or "",
        "arrives_at": _moment(participant.arrives_at),
        "departs_at": _moment(participant.departs_at),
        "min_meetings": "" if participant.min_meetings is None else str(participant.min_meetings),
        "max_meetings": "" if participant.max_meetings is None else str(participant.max_meetings),
        "hosted_table": "" if participant.hosted_table is None else str(participant.hosted_table),
        "profile_language": profile.language if profile else "en",
        "offers": profile.offers if profile else "",
        "needs": profile.needs if profile else "",
    }
    for index, window in enumerate(participant.unavailability):
        prefix = f"unavailable_{index}_"
        values |= {
            prefix + "starts": _moment(window.starts_at),
            prefix + "ends": _moment(window.ends_at),
            prefix + "reason": window.reason,
        }
    return ParticipantInput(values, list(participant.languages), list(profile.sectors) if profile else [])


def _page(
    request: Request,
    mission: Mission,
    participant: Participant | None,
    form: ParticipantInput,
    errors: dict[str, str] | None = None,
) -> Response:
    rows = window_indexes(form.values)
    return render(
        request,
        "participant_form.html",
        status_code=422 if errors else 200,
        mission=mission,
        participant=participant,
        values=form.values,
        chosen_languages=form.languages,
        chosen_sectors=form.sectors,
        windows=[*rows, (max(rows) + 1) if rows else 0],  # one empty row to add a window
        errors=errors or {},
        organisations=sorted(mission.organisations, key=lambda o: o.name.casefold()),
        sectors=SECTORS,
        profile_languages=PROFILE_LANGUAGES,
        tables=smallest_session_tables(mission),
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/participants/new")
def new_participant_page(request: Request, mission: ManagedMission) -> Response:
    chosen = request.query_params.get("organisation", "")
    return _page(request, mission, None, ParticipantInput({"organisation": chosen, "profile_language": "en"}))


@router.post("/missions/{slug}/participants/new")
def add_participant(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    form: ParticipantInput = Depends(participant_input),
) -> Response:
    try:
        participant = save_participant(db, mission, None, form)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, None, form, explain(t, rejected.errors))
    db.commit()
    path = f"/missions/{mission.slug}/participants/{participant.id}/edit?saved=1"
    return RedirectResponse(path, status_code=303)


@router.get("/missions/{slug}/participants/{participant_id}/edit")
def edit_participant_page(
    request: Request, mission: ManagedMission, participant_id: int, db: DbSession, t: Lang
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    if participant.erased_at is not None:
        return refuse_erased(request, t)
    return _page(request, mission, participant, _values(participant))


@router.post("/missions/{slug}/participants/{participant_id}/edit")
def edit_participant(
    request: Request,
    mission: ManagedMission,
    participant_id: int,
    db: DbSession,
    t: Lang,
    form: ParticipantInput = Depends(participant_input),
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    if participant.erased_at is not None:
        return refuse_erased(request, t)
    try:
        save_participant(db, mission, participant, form)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, participant, form, explain(t, rejected.errors))
    db.commit()
    path = f"/missions/{mission.slug}/participants/{participant.id}/edit?saved=1"
    return RedirectResponse(path, status_code=303)
