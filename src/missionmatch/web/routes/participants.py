"""Organiser pages: participants and organisations of a mission, with filters and profile completion."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch import clock
from missionmatch.models import Participant
from missionmatch.models.enums import Side
from missionmatch.services import on_the_day
from missionmatch.services.notifications import send_login_link
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.i18n import Translator
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def profile_complete(participant: Participant) -> bool:
    return participant.profile is not None and not participant.profile.is_empty


def _matches(participant: Participant, side: str, status: str, q: str) -> bool:
    if side and participant.organisation.side.value != side:
        return False
    if status == "empty" and profile_complete(participant):
        return False
    if status == "complete" and not profile_complete(participant):
        return False
    haystack = f"{participant.full_name} {participant.email} {participant.organisation.name}".casefold()
    return q.casefold() in haystack


@router.get("/missions/{slug}/participants")
def participant_list(
    request: Request, mission: ManagedMission, side: str = "", status: str = "", q: str = ""
) -> Response:
    shown = [p for p in mission.participants if _matches(p, side, status, q.strip())]
    withdrawn = next(
        (p for p in mission.participants if str(p.id) == request.query_params.get("withdrawn")), None
    )
    return render(
        request,
        "participants.html",
        mission=mission,
        participants=shown,
        withdrawn=withdrawn if withdrawn and withdrawn.withdrawn_at else None,
        complete={p.id: profile_complete(p) for p in shown},
        filters={"side": side, "status": status, "q": q},
        sides=[s.value for s in Side],
    )


@router.get("/missions/{slug}/organisations")
def organisation_list(request: Request, mission: ManagedMission, side: str = "") -> Response:
    shown = [o for o in mission.organisations if not side or o.side.value == side]
    empty = {o.id: sum(1 for p in o.participants if not profile_complete(p)) for o in shown}
    return render(
        request,
        "organisations.html",
        mission=mission,
        organisations=shown,
        empty=empty,
        filters={"side": side},
        sides=[s.value for s in Side],
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
