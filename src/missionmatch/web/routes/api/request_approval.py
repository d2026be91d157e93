"""Organisers' approval of a mission's meeting requests (where the mission asks for it): approve many at
once, or reject one with a reason told to the requester. The same service as the requests board."""

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from missionmatch.models import MeetingRequest
from missionmatch.services import request_approval
from missionmatch.services.meeting_requests import RequestRefused
from missionmatch.web.deps import DbSession, Settings
from missionmatch.web.routes.api.access import ManagedMission, invalid, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.requests import RequestOut, request_out
from missionmatch.web.routes.api.schemas import NOT_BLANK, BodyIn, JsonInt

router = APIRouter(tags=["requests"])
PATH = "/missions/{slug}/requests"


class ApproveIn(BodyIn):
    request_ids: list[JsonInt] = Field(max_length=10_000)


class ApprovedOut(BaseModel):
    approved: int
    skipped: int = Field(description="not the mission's, no longer awaiting approval, or requests closed")


class RejectIn(BodyIn):
    reason: str = Field(max_length=request_approval.MAX_REASON, pattern=NOT_BLANK)


@router.post(PATH + "/approve", responses=answers(400, 403, 404, 422))
def approve_requests(
    mission: ManagedMission, db: DbSession, settings: Settings, body: ApproveIn
) -> ApprovedOut:
    """Each request awaiting approval reaches its recipient, mailed as any request."""
    done = request_approval.approve_requests(
        db, mission, body.request_ids, settings.request_validity, mail=settings.mail
    )
    db.commit()
    return ApprovedOut(approved=done.approved, skipped=done.skipped)


@router.post(PATH + "/{request_id}/reject", responses=answers(400, 403, 404, 409, 422))
def reject_request(
    request_id: int, mission: ManagedMission, db: DbSession, settings: Settings, body: RejectIn
) -> RequestOut:
    """The request never reaches its recipient; the requester is mailed the reason. 409 `not_pending` when
    it no longer awaits approval."""
    found = db.get(MeetingRequest, request_id)
    if found is None or found.mission_id != mission.id:
        raise not_found("request")
    try:
        request_approval.reject_request(db, found, body.reason, mail=settings.mail)
    except RequestRefused as refused:
        db.rollback()
        if refused.code.startswith("reason_"):
            raise invalid({"reason": "give a reason"}) from None
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return request_out(found)
