"""Meeting requests between participants: send, list, accept, decline, cancel."""

from typing import Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from missionmatch.models import MeetingRequest, Participant
from missionmatch.services import meeting_requests as requests
from missionmatch.web.deps import ApiPrincipal, DbSession, Settings
from missionmatch.web.permissions import (
    participant_answers_request,
    participant_cancels_request,
    participant_sees_participant,
    participant_sees_request,
)
from missionmatch.web.routes.api.access import not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schemas import NO_CONTROL, BodyIn, Instant, JsonInt

router = APIRouter(tags=["requests"])


class RequestIn(BodyIn):
    recipient_id: JsonInt
    message: str = Field(default="", max_length=requests.MAX_MESSAGE, pattern=NO_CONTROL)
    priority: JsonInt = Field(default=2, ge=1, le=3)


class RequestOut(BaseModel):
    id: int
    requester_id: int
    recipient_id: int
    status: str
    priority: int
    message: str
    expires_at: Instant | None


def _request_out(r: MeetingRequest) -> RequestOut:
    return RequestOut(
        id=r.id,
        requester_id=r.requester_id,
        recipient_id=r.recipient_id,
        status=r.status.value,
        priority=r.priority,
        message=r.message,
        expires_at=r.expires_at,
    )


def _participant_caller(principal: ApiPrincipal) -> Participant:
    if principal.participant is None:
        raise HTTPException(status_code=403, detail="only participants send and answer meeting requests")
    return principal.participant


@router.get("/requests", responses=answers(403))
def list_requests(db: DbSession, principal: ApiPrincipal) -> list[RequestOut]:
    me = _participant_caller(principal)
    box = requests.inbox(db, me)
    return [_request_out(r) for r in [*box.incoming, *box.outgoing]]


@router.post("/requests", status_code=201, responses=answers(400, 403, 404, 409, 422))
def send_request(body: RequestIn, db: DbSession, principal: ApiPrincipal, settings: Settings) -> RequestOut:
    me = _participant_caller(principal)
    recipient = db.get(Participant, body.recipient_id)
    if recipient is None or not participant_sees_participant(me, recipient):
        raise not_found("participant")
    try:
        created = requests.send_request(
            db, me, recipient, body.message, body.priority, settings.request_validity, mail=settings.mail
        )
    except requests.RequestRefused as refused:
        db.rollback()
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return _request_out(created)


@router.post("/requests/{request_id}/{action}", responses=answers(403, 404, 409, 422))
def answer_request(
    request_id: int, action: Literal["accept", "decline", "cancel"], db: DbSession, principal: ApiPrincipal
) -> RequestOut:
    me = _participant_caller(principal)
    found = db.get(MeetingRequest, request_id)
    if found is None or not participant_sees_request(me, found):
        raise not_found("request")
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
