"""Organiser page: every meeting request of a mission, filterable by status."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch import clock
from missionmatch.models.enums import RequestStatus
from missionmatch.web.deps import DbSession, ManagedMission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions/{slug}/requests")
def requests_board(request: Request, mission: ManagedMission, db: DbSession, status: str = "") -> Response:
    now = clock.now()
    shown = [r for r in mission.meeting_requests if not status or r.status_at(now).value == status]
    return render(
        request,
        "requests_board.html",
        mission=mission,
        requests=shown,
        status=status,
        now=now,
        statuses=[s.value for s in RequestStatus],
    )
