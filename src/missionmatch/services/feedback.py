"""Participants' feedback on their meetings: a rating, a comment and the follow-up they intend; one per
author and meeting, updated when given again. Only published or held meetings are open for feedback."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Feedback, Meeting, Participant
from missionmatch.models.enums import FollowUp, MeetingStatus

OPEN_FOR_FEEDBACK = (MeetingStatus.PUBLISHED, MeetingStatus.HELD)
MIN_RATING, MAX_RATING = 1, 5
MAX_COMMENT = 4000


def open_for_feedback(meeting: Meeting) -> bool:
    return meeting.status in OPEN_FOR_FEEDBACK


def feedback_of(session: Session, author: Participant, meeting: Meeting) -> Feedback | None:
    return session.scalar(
        select(Feedback).where(Feedback.meeting_id == meeting.id, Feedback.author_id == author.id)
    )


def record_feedback(
    session: Session, author: Participant, meeting: Meeting, *, rating: int, follow_up: FollowUp, comment: str
) -> Feedback:
    """Creates or replaces the author's feedback on a meeting (whose attendance the caller checked)."""
    feedback = feedback_of(session, author, meeting) or Feedback(meeting_id=meeting.id, author_id=author.id)
    feedback.rating, feedback.follow_up, feedback.comment = rating, follow_up, comment.strip()
    session.add(feedback)
    session.flush()
    return feedback
