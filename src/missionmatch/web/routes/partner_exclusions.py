"""Participant actions on their lists of partners: dismiss a recommendation card, mark someone "not
interested" (never recommended nor requested again in the campaign), and undo either."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Participant
from missionmatch.models.enums import ExclusionKind
from missionmatch.services import partner_exclusions
from missionmatch.services.meeting_requests import RequestRefused
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.permissions import participant_sees_participant
from missionmatch.web.security import verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])
KINDS = {"dismiss": ExclusionKind.DISMISSED, "not-interested": ExclusionKind.NOT_INTERESTED}


@router.post("/me/partners/{other_id}/{action}", name="partner_exclusion")
def exclude(
    me: CurrentParticipant,
    db: DbSession,
    other_id: int,
    action: str,
    undo: Annotated[bool, Form()] = False,
) -> Response:
    other = db.get(Participant, other_id)
    if action not in KINDS or other is None or not participant_sees_participant(me, other):
        raise HTTPException(status_code=404)
    try:
        if undo:
            partner_exclusions.undo(db, me, other, KINDS[action])
        else:
            partner_exclusions.exclude(db, me, other, KINDS[action])
    except RequestRefused:
        db.rollback()
        raise HTTPException(status_code=404) from None  # not someone this participant could meet
    db.commit()
    return RedirectResponse("/me/recommendations?view=people", status_code=303)  # where the forms are
