"""Organiser pages that steer a mission's requests beyond approval: veto a request (or an accepted meeting
not yet held) with a reason, add a must-meet meeting, and the matrix of organisations with its bulk
approval of whole cells."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Participant
from missionmatch.services import request_steering
from missionmatch.services.request_matrix import STATES, approve_cells, request_matrix
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.routes.requests_board import mission_request, steered
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.post("/missions/{slug}/requests/{request_id}/veto", name="request_veto")
def veto(
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
        request, db, mission, t, lambda: request_steering.veto_request(db, found, reason, mail=settings.mail)
    )


@router.post("/missions/{slug}/requests/must-meet", name="request_must_meet")
def must_meet(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    settings: Settings,
    delegate_id: Annotated[int, Form()],
    host_id: Annotated[int, Form()],
) -> Response:
    people = [db.get(Participant, i) for i in (delegate_id, host_id)]
    if any(p is None or p.mission_id != mission.id for p in people):
        raise HTTPException(status_code=404)
    first, second = people
    assert first is not None and second is not None  # checked above, for the type checker
    change = lambda: request_steering.add_must_meet(db, mission, first, second, mail=settings.mail)  # noqa: E731
    return steered(request, db, mission, t, change)


@router.get("/missions/{slug}/requests/matrix", name="request_matrix")
def matrix(request: Request, mission: ManagedMission, db: DbSession, everyone: bool = False) -> Response:
    return render(
        request,
        "request_matrix.html",
        mission=mission,
        matrix=request_matrix(db, mission, busy_only=not everyone),
        states=STATES,
        everyone=everyone,
        approved=request.query_params.get("approved"),
        skipped=request.query_params.get("skipped"),
    )


@router.post("/missions/{slug}/requests/matrix/approve")
def approve_matrix_cells(
    mission: ManagedMission,
    db: DbSession,
    settings: Settings,
    cell: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies a form default)
) -> Response:
    pairs = []
    for value in cell:  # "delegation organisation id-host organisation id"
        first, _, second = value.partition("-")
        if not (first.isdigit() and second.isdigit()):
            raise HTTPException(status_code=422, detail=f"cell {value!r}: two organisation numbers")
        pairs.append((int(first), int(second)))
    done = approve_cells(db, mission, pairs, settings.request_validity, mail=settings.mail)
    db.commit()
    where = f"/missions/{mission.slug}/requests/matrix?approved={done.approved}&skipped={done.skipped}"
    return RedirectResponse(where, status_code=303)
