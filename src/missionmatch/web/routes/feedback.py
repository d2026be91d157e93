"""Participant page: feedback on one of my meetings (rating, comment, intended follow-up)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from missionmatch.models import Feedback, Meeting
from missionmatch.models.enums import FollowUp, MeetingStatus
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.permissions import participant_attends_meeting
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
OPEN_FOR_FEEDBACK = (MeetingStatus.PUBLISHED, MeetingStatus.HELD)


def _my_meeting(db, me, meeting_id: int) -> Meeting:  # type: ignore[no-untyped-def]
    meeting = db.get(Meeting, meeting_id)
    if (
        meeting is None
        or not participant_attends_meeting(me, meeting)
        or meeting.status not in OPEN_FOR_FEEDBACK
    ):
        raise HTTPException(status_code=404)
    return meeting


def _existing(db, me, meeting: Meeting) -> Feedback | None:  # type: ignore[no-untyped-def]
    return db.scalar(select(Feedback).where(Feedback.meeting_id == meeting.id, Feedback.author_id == me.id))


@router.get("/me/meetings/{meeting_id}/feedback")
def feedback_page(request: Request, me: CurrentParticipant, db: DbSession, meeting_id: int) -> Response:
    meeting = _my_meeting(db, me, meeting_id)
    others = [p for p in meeting.participants if p.id != me.id]
    return render(
        request,
        "feedback.html",
        me=me,
        meeting=meeting,
        others=others,
        feedback=_existing(db, me, meeting),
        follow_ups=[f.value for f in FollowUp],
        saved=request.query_params.get("saved") == "1",
    )


@router.post("/me/meetings/{meeting_id}/feedback")
def save_feedback(
    me: CurrentParticipant,
    db: DbSession,
    meeting_id: int,
    rating: Annotated[int, Form(ge=1, le=5)],
    follow_up: Annotated[FollowUp, Form()] = FollowUp.NONE,
    comment: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    meeting = _my_meeting(db, me, meeting_id)
    feedback = _existing(db, me, meeting) or Feedback(meeting_id=meeting.id, author_id=me.id)
    feedback.rating, feedback.follow_up, feedback.comment = rating, follow_up, comment.strip()
    db.add(feedback)
    db.commit()
    return RedirectResponse(f"/me/meetings/{meeting.id}/feedback?saved=1", status_code=303)
