"""Participant page: the partners the matcher recommends, with the reasons it gives, best first."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.recommendations import recommendations_for
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.permissions import participant_sees_participant
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/me/recommendations")
def recommendations(request: Request, me: CurrentParticipant, db: DbSession) -> Response:
    # the permission rule applies here too: a stale row never shows someone outside the directory
    shown = [r for r in recommendations_for(db, me) if participant_sees_participant(me, r.candidate)]
    return render(request, "recommendations.html", me=me, mission=me.mission, recommendations=shown)
