"""Organiser pages: participants and organisations of a mission, with filters and profile completion."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch import clock
from missionmatch.models import Participant
from missionmatch.models.enums import Side
from missionmatch.sectors import SECTORS
from missionmatch.services import on_the_day, organisation_search, participant_search
from missionmatch.services.notifications import send_login_link
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.i18n import Translator
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def profile_complete(participant: Participant) -> bool:
    return participant.profile is not None and not participant.profile.is_empty


@router.get("/missions/{slug}/participants")
def participant_list(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    query = participant_search.parse_query(request.query_params)
    found = participant_search.search_participants(db, mission.id, query)
    withdrawn_id = request.query_params.get("withdrawn", "")
    withdrawn = db.get(Participant, int(withdrawn_id)) if withdrawn_id.isdigit() else None
    if withdrawn is not None and (withdrawn.mission_id != mission.id or withdrawn.withdrawn_at is None):
        withdrawn = None
    return render(
        request,
        "participants.html",
        mission=mission,
        participants=found.rows,
        paging=found.paging,
        query=query,
        withdrawn=withdrawn,
        complete={p.id: profile_complete(p) for p in found.rows},
        sides=[s.value for s in Side],
        sectors=sorted(SECTORS),
        statuses=participant_search.STATUSES,
    )


@router.get("/missions/{slug}/organisations")
def organisation_list(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    query = organisation_search.parse_query(request.query_params)
    found = organisation_search.search_organisations(db, mission.id, query)
    return render(
        request,
        "organisations.html",
        mission=mission,
        rows=found.rows,
        paging=found.paging,
        query=query,
        sides=[s.value for s in Side],
        sectors=sorted(SECTORS),
        statuses=organisation_search.STATUSES,
    )


def _participant_of(db: DbSession, mission: ManagedMission, participant_id: int) -> Participant:
    participant = db.get(Participant, participant_id)
    if participant is None or participant.mission_id != mission.id:
        raise HTTPException(status_code=404)
    return participant


def refuse_erased(request: Request, t: Translator) -> Response:
    message = t.gettext("This participant's personal data was erased: nothing can be sent or changed.")
    return render(request, "error.html", status_code=409, message=message)


@router.post("/missions/{slug}/participants/{participant_id}/check-in")
def toggle_check_in(mission: ManagedMission, participant_id: int, db: DbSession) -> Response:
    """At the welcome desk: marks a participant present (or undoes a mistaken mark)."""
    participant = _participant_of(db, mission, participant_id)
    on_the_day.toggle_check_in(participant, clock.now())
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/participants", status_code=303)


@router.post("/missions/{slug}/participants/{participant_id}/login-link")
def mail_login_link(
    request: Request, mission: ManagedMission, participant_id: int, db: DbSession, settings: Settings, t: Lang
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    if participant.erased_at is not None:
        return refuse_erased(request, t)
    send_login_link(db, settings.mail, participant)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/outbox", status_code=303)
