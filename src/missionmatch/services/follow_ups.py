"""Follow-ups: what each participant promised after a meeting (a call, a visit, an offer, an agreement),
read from their feedback, and whether the organisers have seen it done."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from missionmatch.models import Feedback, Meeting, Mission
from missionmatch.models.enums import FollowUp


def follow_ups(
    session: Session, mission: Mission, *, done: bool | None = None, kind: FollowUp | None = None
) -> list[Feedback]:
    """Feedback that promised a follow-up, by meeting then author; `done` True/False keeps only those
    marked done/not done, `kind` only one kind of follow-up."""
    query = (
        select(Feedback)
        .join(Meeting, Meeting.id == Feedback.meeting_id)
        .where(Meeting.mission_id == mission.id, Feedback.follow_up != FollowUp.NONE)
        .options(joinedload(Feedback.meeting), joinedload(Feedback.author))
        .order_by(Meeting.id, Feedback.author_id)
    )
    if kind is not None:
        query = query.where(Feedback.follow_up == kind)
    if done is True:
        query = query.where(Feedback.follow_up_done_at.is_not(None))
    elif done is False:
        query = query.where(Feedback.follow_up_done_at.is_(None))
    return list(session.scalars(query))


def mark_done(session: Session, feedback: Feedback, done: bool, now: dt.datetime) -> None:
    """Marks the follow-up done (keeping the first time it was marked) or not done again."""
    if done and feedback.follow_up_done_at is None:
        feedback.follow_up_done_at = now
    elif not done:
        feedback.follow_up_done_at = None
    session.flush()


def feedback_of_mission(session: Session, mission: Mission, feedback_id: int) -> Feedback | None:
    """One feedback, if it is on a meeting of the mission (None otherwise, like a missing one)."""
    feedback = session.get(Feedback, feedback_id)
    if feedback is None or feedback.meeting.mission_id != mission.id:
        return None
    return feedback


def counts(session: Session, mission: Mission) -> dict[str, tuple[int, int]]:
    """Per kind of follow-up (call, visit, send_offer, agreement): (promised, marked done)."""
    found = follow_ups(session, mission)
    return {
        kind.value: (
            sum(1 for f in found if f.follow_up == kind),
            sum(1 for f in found if f.follow_up == kind and f.follow_up_done_at is not None),
        )
        for kind in FollowUp
        if kind != FollowUp.NONE
    }
