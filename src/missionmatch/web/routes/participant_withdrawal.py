"""Organiser pages: a participant withdraws after a confirmation that says what becomes of their meetings and
requests; the withdrawal can be undone, with what could not come back and why."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch import clock
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.services.withdrawal import undo_withdrawal, withdraw, withdrawal_plan
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.programme_waiting_text import committed_with_mails
from missionmatch.web.routes.participants import _participant_of
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions/{slug}/participants/{participant_id}/withdraw")
def confirm_withdrawal(
    request: Request, mission: ManagedMission, participant_id: int, db: DbSession
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    return render(
        request,
        "withdrawal_confirm.html",
        mission=mission,
        participant=participant,
        plan=withdrawal_plan(db, participant),
    )


@router.post("/missions/{slug}/participants/{participant_id}/withdraw")
def withdraw_participant(
    mission: ManagedMission, participant_id: int, db: DbSession, settings: Settings
) -> Response:
    """A participant cancels their trip: their meetings and open requests are cancelled (replan to refill),
    their programme places go to the waiting lists."""
    participant = _participant_of(db, mission, participant_id)
    plan = withdraw(db, participant, clock.now(), mail=settings.mail)
    committed_with_mails(db, settings, plan.promotions)
    path = f"/missions/{mission.slug}/participants?withdrawn={participant.id}"
    return RedirectResponse(path, status_code=303)


@router.post(
    "/missions/{slug}/participants/{participant_id}/undo-withdrawal", name="participant_withdrawal_undo"
)
def undo(
    request: Request,
    mission: ManagedMission,
    participant_id: int,
    db: DbSession,
    t: Lang,
    settings: Settings,
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    try:
        report = undo_withdrawal(db, participant, mail=settings.mail)
    except PlacementRefused as refused:  # the database refused a double booking: someone wrote meanwhile
        db.rollback()
        message = " ".join(refusal_texts(t, refused.refusals, mission.timezone))
        return render(request, "error.html", status_code=409, message=message)
    committed_with_mails(db, settings, report.programme.promotions)
    reasons = {
        meeting.id: refusal_texts(t, refusals, mission.timezone)
        for meeting, _, refusals in report.not_restored
    }
    return render(
        request,
        "withdrawal_undone.html",
        mission=mission,
        participant=participant,
        report=report,
        reasons=reasons,
    )
