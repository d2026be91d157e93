"""Participant page: the public agreements that the participant's organisation is a party to."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from missionmatch.web.deps import CurrentParticipant, Lang
from missionmatch.web.outcome_text import kind_names, status_names
from missionmatch.web.permissions import participant_sees_agreement
from missionmatch.web.templating import render

router = APIRouter()


@router.get("/me/agreements")
def my_agreements(request: Request, me: CurrentParticipant, t: Lang) -> Response:
    return render(
        request,
        "my_agreements.html",
        me=me,
        agreements=[a for a in me.mission.agreements if participant_sees_agreement(me, a)],
        kinds=kind_names(t),
        statuses=status_names(t),
    )
