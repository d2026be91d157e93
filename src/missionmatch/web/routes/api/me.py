"""A participant's recommendations (with the matcher's reasons), agenda, and feedback on their meetings."""

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from missionmatch.clock import WallTime, wall_with_offset
from missionmatch.models import Feedback, Meeting
from missionmatch.models.enums import FollowUp
from missionmatch.services import feedback as feedback_service
from missionmatch.services.agenda import AgendaEntry, participant_agenda
from missionmatch.services.recommendation_cards import recommendation_page
from missionmatch.web.deps import DbSession
from missionmatch.web.page_cache import PageCacheDep
from missionmatch.web.permissions import (
    participant_attends_meeting,
    visible_participants,
)
from missionmatch.web.routes.api.access import ApiParticipant, not_found
from missionmatch.web.routes.api.cached import cached_json
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schemas import (
    NO_CONTROL,
    BodyIn,
    JsonInt,
    MissionTime,
    PersonOut,
    person_out,
)

router = APIRouter(tags=["participant"])


class RecommendationOut(BaseModel):
    rank: int  # 1 = best
    score: float
    candidate: PersonOut
    suggested_meeting: bool
    reasons: dict[str, Any]  # need answered and the offer answering it (each in its language), sectors...


class AgendaEntryOut(BaseModel):
    kind: str  # "programme" or "meeting"
    starts_at: MissionTime | None
    ends_at: MissionTime | None
    title: str
    place: str
    table_number: int | None  # as printed on the table (1-based)
    interpreter: str | None  # language pair, e.g. "fr-ja"
    meeting_id: int | None
    people: list[PersonOut]


class AgendaOut(BaseModel):
    timezone: str
    entries: list[AgendaEntryOut]
    unscheduled: list[AgendaEntryOut]  # accepted meetings without a published place yet


class FeedbackIn(BodyIn):
    rating: JsonInt = Field(ge=feedback_service.MIN_RATING, le=feedback_service.MAX_RATING)
    follow_up: FollowUp = FollowUp.NONE
    comment: str = Field(default="", max_length=feedback_service.MAX_COMMENT, pattern=NO_CONTROL)


class FeedbackOut(BaseModel):
    meeting_id: int
    rating: int
    follow_up: FollowUp
    comment: str


def _offset(wall: WallTime | None, zone: str) -> dt.datetime | None:
    return None if wall is None else wall_with_offset(wall, zone)


def _entry_out(entry: AgendaEntry, zone: str) -> AgendaEntryOut:
    return AgendaEntryOut(
        kind=entry.kind,
        starts_at=_offset(entry.starts_at, zone),
        ends_at=_offset(entry.ends_at, zone),
        title=entry.title,
        place=entry.place,
        table_number=entry.table,
        interpreter=entry.interpreter or None,
        meeting_id=entry.meeting_id,
        people=[person_out(p) for p in entry.others],
    )


def _feedback_out(feedback: Feedback) -> FeedbackOut:
    return FeedbackOut(
        meeting_id=feedback.meeting_id,
        rating=feedback.rating,
        follow_up=feedback.follow_up,
        comment=feedback.comment,
    )


@router.get("/me/recommendations", response_model=list[RecommendationOut], responses=answers(403))
def list_recommendations(
    request: Request, me: ApiParticipant, db: DbSession, cache: PageCacheDep
) -> Response:
    """Best first, without the partners dismissed or marked not interested (partners met in an earlier
    mission are listed: the page hides them unless asked)."""
    revision = me.mission.content_revision  # before the data (api/cached.py)
    viewer = ("participant", me.id)
    shape = list[RecommendationOut]
    return cached_json(
        request, cache, "recommendations", viewer, revision, shape, lambda: _recommendations(db, me)
    )


def _recommendations(db: DbSession, me: ApiParticipant) -> list[RecommendationOut]:
    visible = {p.id for p in visible_participants(me)}
    cards = recommendation_page(db, me, visible, include_met=True).cards
    return [
        RecommendationOut(
            rank=r.rank,
            score=r.score,
            candidate=person_out(r.candidate),
            suggested_meeting=r.suggested_meeting,
            reasons=r.reasons,
        )
        for r in (card.recommendation for card in cards)
    ]


@router.get("/me/agenda", response_model=AgendaOut, responses=answers(403))
def get_agenda(request: Request, me: ApiParticipant, db: DbSession, cache: PageCacheDep) -> Response:
    revision = me.mission.content_revision  # before the data (api/cached.py)
    viewer = ("participant", me.id)
    return cached_json(request, cache, "agenda", viewer, revision, AgendaOut, lambda: _agenda(db, me))


def _agenda(db: DbSession, me: ApiParticipant) -> AgendaOut:
    mine = participant_agenda(db, me)
    return AgendaOut(
        timezone=me.mission.timezone,
        entries=[_entry_out(e, me.mission.timezone) for e in mine.entries],
        unscheduled=[_entry_out(e, me.mission.timezone) for e in mine.unscheduled],
    )


def _my_meeting(db: DbSession, me: ApiParticipant, meeting_id: int) -> Meeting:
    meeting = db.get(Meeting, meeting_id)
    if (
        meeting is None
        or not participant_attends_meeting(me, meeting)
        or not feedback_service.open_for_feedback(meeting)
    ):
        raise not_found("meeting")
    return meeting


@router.get("/me/meetings/{meeting_id}/feedback", responses=answers(403, 404, 422))
def get_feedback(meeting_id: int, me: ApiParticipant, db: DbSession) -> FeedbackOut:
    found = feedback_service.feedback_of(db, me, _my_meeting(db, me, meeting_id))
    if found is None:
        raise not_found("feedback")
    return _feedback_out(found)


@router.post("/me/meetings/{meeting_id}/feedback", responses=answers(400, 403, 404, 422))
def give_feedback(meeting_id: int, body: FeedbackIn, me: ApiParticipant, db: DbSession) -> FeedbackOut:
    """Rating, follow-up and comment on a published or held meeting I attend (given again: replaced)."""
    meeting = _my_meeting(db, me, meeting_id)
    saved = feedback_service.record_feedback(
        db, me, meeting, rating=body.rating, follow_up=body.follow_up, comment=body.comment
    )
    db.commit()
    return _feedback_out(saved)
