"""/api/v1: the same operations as the pages, for programs. Bearer tokens; JSON errors; a mission that is
not the caller's answers 404 exactly like one that does not exist."""

from typing import Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import select

from missionmatch.models import ApiToken, MeetingRequest, Mission, Participant
from missionmatch.services import meeting_requests as requests
from missionmatch.web.deps import ApiPrincipal, DbSession, Settings
from missionmatch.web.permissions import (
    organiser_manages_mission,
    participant_answers_request,
    participant_cancels_request,
    participant_sees_participant,
    participant_sees_request,
)

router = APIRouter(prefix="/api/v1", tags=["api"])


class MissionOut(BaseModel):
    slug: str
    name: str
    start_date: str
    end_date: str
    timezone: str
    cities: list[str]


class ParticipantOut(BaseModel):
    id: int
    name: str
    organisation: str
    side: str
    job_title: str
    languages: list[str]
    profile_language: str | None
    offers: str
    needs: str
    email: str | None = None  # organisers only


class RequestIn(BaseModel):
    recipient_id: int
    message: str = Field(default="", max_length=2000)
    priority: int = Field(default=2, ge=1, le=3)


class RequestOut(BaseModel):
    id: int
    requester_id: int
    recipient_id: int
    status: str
    priority: int
    message: str
    expires_at: str | None


def _mission_out(mission: Mission) -> MissionOut:
    return MissionOut(
        slug=mission.slug,
        name=mission.name,
        start_date=mission.start_date.isoformat(),
        end_date=mission.end_date.isoformat(),
        timezone=mission.timezone,
        cities=list(mission.cities),
    )


def _participant_out(p: Participant, with_email: bool) -> ParticipantOut:
    profile = p.profile
    return ParticipantOut(
        id=p.id,
        name=p.full_name,
        organisation=p.organisation.name,
        side=p.side,
        job_title=p.job_title,
        languages=list(p.languages),
        profile_language=profile.language if profile else None,
        offers=profile.offers if profile else "",
        needs=profile.needs if profile else "",
        email=p.email if with_email else None,
    )


def _request_out(r: MeetingRequest) -> RequestOut:
    return RequestOut(
        id=r.id,
        requester_id=r.requester_id,
        recipient_id=r.recipient_id,
        status=r.status.value,
        priority=r.priority,
        message=r.message,
        expires_at=r.expires_at.isoformat() if r.expires_at else None,
    )


def _visible_missions(principal: ApiToken) -> list[Mission]:
    if principal.organiser is not None:
        return [m for m in principal.organiser.missions if organiser_manages_mission(principal.organiser, m)]
    return [principal.participant.mission] if principal.participant else []


def _mission(db: DbSession, principal: ApiToken, slug: str) -> Mission:
    mission = db.scalar(select(Mission).where(Mission.slug == slug))
    if mission is None or mission not in _visible_missions(principal):
        raise HTTPException(status_code=404, detail="mission not found")
    return mission


def _participant_caller(principal: ApiToken) -> Participant:
    if principal.participant is None:
        raise HTTPException(status_code=403, detail="only participants send and answer meeting requests")
    return principal.participant


@router.get("/missions")
def list_missions(principal: ApiPrincipal) -> list[MissionOut]:
    return [_mission_out(m) for m in _visible_missions(principal)]


@router.get("/missions/{slug}")
def get_mission(slug: str, db: DbSession, principal: ApiPrincipal) -> MissionOut:
    return _mission_out(_mission(db, principal, slug))


@router.get("/missions/{slug}/participants")
def list_participants(slug: str, db: DbSession, principal: ApiPrincipal) -> list[ParticipantOut]:
    mission = _mission(db, principal, slug)
    viewer = principal.participant
    if viewer is None:
        return [_participant_out(p, with_email=True) for p in mission.participants]
    return [
        _participant_out(p, False) for p in mission.participants if participant_sees_participant(viewer, p)
    ]


@router.get("/requests")
def list_requests(db: DbSession, principal: ApiPrincipal) -> list[RequestOut]:
    me = _participant_caller(principal)
    box = requests.inbox(db, me)
    return [_request_out(r) for r in [*box.incoming, *box.outgoing]]


@router.post("/requests", status_code=201)
def send_request(body: RequestIn, db: DbSession, principal: ApiPrincipal, settings: Settings) -> RequestOut:
    me = _participant_caller(principal)
    recipient = db.get(Participant, body.recipient_id)
    if recipient is None or not participant_sees_participant(me, recipient):
        raise HTTPException(status_code=404, detail="participant not found")
    try:
        created = requests.send_request(
            db, me, recipient, body.message, body.priority, settings.request_validity
        )
    except requests.RequestRefused as refused:
        db.rollback()
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return _request_out(created)


@router.post("/requests/{request_id}/{action}")
def answer_request(
    request_id: int, action: Literal["accept", "decline", "cancel"], db: DbSession, principal: ApiPrincipal
) -> RequestOut:
    me = _participant_caller(principal)
    found = db.get(MeetingRequest, request_id)
    if found is None or not participant_sees_request(me, found):
        raise HTTPException(status_code=404, detail="request not found")
    rule = participant_cancels_request if action == "cancel" else participant_answers_request
    if not rule(me, found):
        raise HTTPException(status_code=403, detail=f"you cannot {action} this request")
    operation = {
        "accept": requests.accept_request,
        "decline": requests.decline_request,
        "cancel": requests.cancel_request,
    }[action]
    try:
        operation(db, found, me)
    except requests.RequestRefused as refused:
        db.rollback()
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return _request_out(found)
