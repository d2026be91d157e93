"""Meeting requests between participants: send, list, accept, decline, cancel."""

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from missionmatch import clock
from missionmatch.models import MeetingRequest, Participant
from missionmatch.models.enums import RequestStatus
from missionmatch.services import meeting_requests as requests
from missionmatch.services.request_withdrawal import withdraw_accepted
from missionmatch.web.deps import ApiPrincipal, DbSession, Settings
from missionmatch.web.page_cache import PageCacheDep
from missionmatch.web.permissions import (
    participant_answers_request,
    participant_cancels_request,
    participant_sees_participant,
    participant_sees_request,
    participant_withdraws_request,
)
from missionmatch.web.routes.api.access import not_found
from missionmatch.web.routes.api.cached import cached_json
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schemas import NO_CONTROL, BodyIn, ErrorOut, Instant, JsonInt

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
    rejection_reason: str = Field(
        description="why organisers rejected or vetoed it (status `rejected`, `vetoed`), else empty"
    )
    must_meet: bool = Field(description="a meeting the organisers arranged, placed before any other")


def request_out(r: MeetingRequest) -> RequestOut:
    return RequestOut(
        id=r.id,
        requester_id=r.requester_id,
        recipient_id=r.recipient_id,
        status=r.status_at(clock.now()).value,
        priority=r.priority,
        message=r.message,
        expires_at=r.expires_at,
        rejection_reason=r.rejection_reason,
        must_meet=r.must_meet,
    )


def _participant_caller(principal: ApiPrincipal) -> Participant:
    if principal.participant is None:
        raise HTTPException(status_code=403, detail="only participants send and answer meeting requests")
    return principal.participant


@router.get("/requests", response_model=list[RequestOut], responses=answers(403))
def list_requests(request: Request, db: DbSession, principal: ApiPrincipal, cache: PageCacheDep) -> Response:
    me = _participant_caller(principal)
    revision = me.mission.content_revision  # before the data (api/cached.py)
    shown: list[MeetingRequest] = []

    def body() -> list[RequestOut]:
        box = requests.inbox(db, me)
        shown.extend([*box.incoming, *box.outgoing])
        return [request_out(r) for r in shown]

    def fresh_until() -> dt.datetime | None:  # a pending request reads as expired from its expiry on
        now = clock.now()
        ahead = [r.expires_at for r in shown if r.status_at(now) == RequestStatus.PENDING and r.expires_at]
        return min(ahead, default=None)

    viewer = ("participant", me.id)
    shape = list[RequestOut]
    return cached_json(request, cache, "requests", viewer, revision, shape, body, fresh_until)


SEND_REFUSED: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorOut,
        "description": "refused as things stand, `detail` naming the rule: "
        + ", ".join(f"`{code}`" for code in requests.SEND_REFUSALS),
    }
}


@router.post("/requests", status_code=201, responses=answers(400, 403, 404, 422) | SEND_REFUSED)
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
    return request_out(created)


@router.post("/requests/{request_id}/{action}", responses=answers(403, 404, 409, 422))
def answer_request(
    request_id: int,
    action: Literal["accept", "decline", "cancel", "withdraw"],
    db: DbSession,
    principal: ApiPrincipal,
    settings: Settings,
) -> RequestOut:
    me = _participant_caller(principal)
    found = db.get(MeetingRequest, request_id)
    if found is None or not participant_sees_request(me, found):
        raise not_found("request")
    rules = {"cancel": participant_cancels_request, "withdraw": participant_withdraws_request}
    if not rules.get(action, participant_answers_request)(me, found):
        raise HTTPException(status_code=403, detail=f"you cannot {action} this request")
    try:
        if action == "withdraw":  # from an accepted request, before the meeting (either of the two)
            withdraw_accepted(db, found, me, mail=settings.mail)
        else:
            requests.act_on_request(db, found, me, action, mail=settings.mail)
    except requests.RequestRefused as refused:
        db.rollback()
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return request_out(found)
