"""Organiser page: every meeting request of a mission, filterable by status; where the mission has organisers
approve requests, approve them (one or many at once) or reject one with a reason."""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import MeetingRequest, Mission
from missionmatch.models.enums import RequestStatus
from missionmatch.services import request_approval
from missionmatch.services.campaign_memory import follow_up_requests
from missionmatch.services.meeting_requests import RequestRefused
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.i18n import Translator
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def refusal_text(t: Translator, code: str) -> str:
    texts = {
        "reason_required": t.gettext("Give the requester a reason."),
        "reason_too_long": t.gettext("The reason is too long."),
        "not_pending": t.gettext("This request no longer awaits approval."),
        "already_held": t.gettext("This meeting has already taken place."),
        "vetoed": t.gettext("The organisers have vetoed this pair."),
        "duplicate": t.gettext("These two already have a meeting."),
        "same_side": t.gettext("Meetings are between the delegation and the hosts."),
    }
    return texts.get(code, t.gettext("This is not possible."))


def board_page(
    request: Request,
    db: Session,
    mission,
    status: str = "",
    error: str = "",
    http_status: int = 200,
    organisations: tuple[int, int] | None = None,
) -> Response:
    """The board; `organisations` (delegation, host) keeps the requests between two organisations (a cell
    of the matrix)."""
    now = clock.now()
    shown = [r for r in mission.meeting_requests if not status or r.status_at(now).value == status]
    if organisations is not None:
        pair = set(organisations)
        shown = [r for r in shown if {r.requester.organisation_id, r.recipient.organisation_id} == pair]
    return render(
        request,
        "requests_board.html",
        status_code=http_status,
        mission=mission,
        requests=shown,
        people=[p for p in mission.participants if p.erased_at is None],  # for a must-meet meeting
        follow_ups=follow_up_requests(db, mission),
        organisations=organisations,
        status=status,
        now=now,
        statuses=[s.value for s in RequestStatus],
        error=error,
        approved=request.query_params.get("approved"),
        skipped=request.query_params.get("skipped"),
    )


def mission_request(db: Session, mission: Mission, request_id: int) -> MeetingRequest:
    """The mission's request with that id; 404 for a request of another mission or none."""
    found = db.get(MeetingRequest, request_id)
    if found is None or found.mission_id != mission.id:
        raise HTTPException(status_code=404)
    return found


def steered(
    request: Request, db: Session, mission: Mission, t: Translator, change: Callable[[], object]
) -> Response:
    """Runs an organiser's change of a request and commits it, back to the board; a refusal is shown on the
    board instead (422 for what the organiser typed, 409 for the request's state), with nothing written."""
    try:
        change()
    except RequestRefused as refused:
        db.rollback()
        wrong_input = refused.code.startswith("reason_") or refused.code == "same_side"
        text = refusal_text(t, refused.code)
        return board_page(request, db, mission, error=text, http_status=422 if wrong_input else 409)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/requests", status_code=303)


@router.get("/missions/{slug}/requests")
def requests_board(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    status: str = "",
    delegation: int | None = None,
    host: int | None = None,
) -> Response:
    pair = (delegation, host) if delegation is not None and host is not None else None
    return board_page(request, db, mission, status, organisations=pair)


@router.post("/missions/{slug}/requests/approve", name="requests_approve")
def approve(
    mission: ManagedMission,
    db: DbSession,
    settings: Settings,
    request_id: Annotated[list[int], Form()] = [],  # noqa: B006 (FastAPI copies a form default)
) -> Response:
    done = request_approval.approve_requests(
        db, mission, request_id, settings.request_validity, mail=settings.mail
    )
    db.commit()
    where = f"/missions/{mission.slug}/requests?approved={done.approved}&skipped={done.skipped}"
    return RedirectResponse(where, status_code=303)


@router.post("/missions/{slug}/requests/{request_id}/reject", name="request_reject")
def reject(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    settings: Settings,
    request_id: int,
    reason: Annotated[str, Form()] = "",
) -> Response:
    found = mission_request(db, mission, request_id)
    return steered(
        request,
        db,
        mission,
        t,
        lambda: request_approval.reject_request(db, found, reason, mail=settings.mail),
    )
