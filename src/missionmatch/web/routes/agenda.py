"""Participant page: my agenda, the programme items I registered for and my B2B meetings, in time order."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.agenda import participant_agenda
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/me/agenda")
def agenda(request: Request, me: CurrentParticipant, db: DbSession) -> Response:
    mine = participant_agenda(db, me)
    return render(
        request, "agenda.html", me=me, mission=me.mission, entries=mine.entries, unscheduled=mine.unscheduled
    )
