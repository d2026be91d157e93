"""Participant page: feedback on one of my meetings (rating, comment, intended follow-up)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Meeting
from missionmatch.models.enums import FollowUp
from missionmatch.services import feedback as service
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.permissions import participant_attends_meeting
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _my_meeting(db, me, meeting_id: int) -> Meeting:
    meeting = db.get(Meeting, meeting_id)
    if (
        meeting is None
        or not participant_attends_meeting(me, meeting)
        or not service.open_for_feedback(meeting)
    ):
        raise HTTPException(status_code=404)
    return meeting


@router.get("/me/meetings/{meeting_id}/feedback", name="meeting_feedback_page")
def feedback_page(request: Request, me: CurrentParticipant, db: DbSession, meeting_id: int) -> Response:
    meeting = _my_meeting(db, me, meeting_id)
    others = [p for p in meeting.participants if p.id != me.id]
    return render(
        request,
        "feedback.html",
        me=me,
        meeting=meeting,
        others=others,
        feedback=service.feedback_of(db, me, meeting),
        follow_ups=[f.value for f in FollowUp],
        saved=request.query_params.get("saved") == "1",
    )


@router.post("/me/meetings/{meeting_id}/feedback", name="meeting_feedback_save")
def save_feedback(
    me: CurrentParticipant,
    db: DbSession,
    meeting_id: int,
    rating: Annotated[int, Form(ge=service.MIN_RATING, le=service.MAX_RATING)],
    follow_up: Annotated[FollowUp, Form()] = FollowUp.NONE,
    comment: Annotated[str, Form(max_length=service.MAX_COMMENT)] = "",
) -> Response:
    meeting = _my_meeting(db, me, meeting_id)
    service.record_feedback(db, me, meeting, rating=rating, follow_up=follow_up, comment=comment)
    db.commit()
    return RedirectResponse(f"/me/meetings/{meeting.id}/feedback?saved=1", status_code=303)
