"""On the day, for organisers: check participants in at the welcome desk (or undo), and record what became
of a meeting (held, no-show, cancelled) as the table plan does."""

from enum import StrEnum

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from missionmatch import clock
from missionmatch.services import on_the_day
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.web.deps import DbSession, Lang
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.api.access import ManagedMission, mission_meeting, mission_participant
from missionmatch.web.routes.api.errors import REFUSED_IN_WORDS, answers
from missionmatch.web.routes.api.schemas import BodyIn, ParticipantOut, participant_out

router = APIRouter(tags=["on the day"])


class Outcome(StrEnum):
    """The outcomes services.on_the_day.OUTCOMES takes (a test keeps the two the same)."""

    held = "held"
    no_show = "no_show"
    cancelled = "cancelled"


class OutcomeIn(BodyIn):
    outcome: Outcome


class OutcomeOut(BaseModel):
    id: int
    key: str
    status: str  # held, no_show or cancelled (a cancelled meeting frees its place in the table plan)


def _checked(mission: ManagedMission, db: DbSession, participant_id: int, present: bool) -> ParticipantOut:
    participant = mission_participant(mission, db, participant_id)
    if present:
        on_the_day.check_in(participant, clock.now())
    else:
        on_the_day.undo_check_in(participant)
    db.commit()
    return participant_out(participant, for_organiser=True)


@router.post("/missions/{slug}/participants/{participant_id}/check-in", responses=answers(403, 404, 422))
def check_in(mission: ManagedMission, db: DbSession, participant_id: int) -> ParticipantOut:
    """Marks a participant present; marking again keeps the first time."""
    return _checked(mission, db, participant_id, present=True)


@router.delete("/missions/{slug}/participants/{participant_id}/check-in", responses=answers(403, 404, 422))
def undo_check_in(mission: ManagedMission, db: DbSession, participant_id: int) -> ParticipantOut:
    """Undoes a mistaken check-in."""
    return _checked(mission, db, participant_id, present=False)


@router.post(
    "/missions/{slug}/meetings/{meeting_id}/outcome", responses=answers(400, 403, 404, 422) | REFUSED_IN_WORDS
)
def record_outcome(
    body: OutcomeIn, mission: ManagedMission, db: DbSession, t: Lang, meeting_id: int
) -> OutcomeOut:
    """A cancelled meeting marked held or no-show again must still have its place: 409 with the reasons
    (in the Accept-Language) when someone or another meeting took it meanwhile."""
    meeting = mission_meeting(mission, db, meeting_id)
    try:
        meeting = on_the_day.record_outcome(db, meeting, body.outcome.value)
    except PlacementRefused as refused:
        db.rollback()
        raise HTTPException(
            status_code=409, detail=refusal_texts(t, refused.refusals, mission.timezone)
        ) from None
    db.commit()
    return OutcomeOut(id=meeting.id, key=meeting.key, status=meeting.status.value)
