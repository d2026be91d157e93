"""Organisers steer a mission's requests (veto with a reason, must-meet meetings); participants keep partners
off their lists (dismissed, not interested) and undo it. The same services as the pages."""

from typing import Literal

from fastapi import APIRouter, HTTPException, Response
from pydantic import Field

from missionmatch.models import MeetingRequest, Participant
from missionmatch.models.enums import ExclusionKind
from missionmatch.services import partner_exclusions, request_approval, request_steering
from missionmatch.services.meeting_requests import RequestRefused
from missionmatch.web.deps import DbSession, Settings
from missionmatch.web.permissions import participant_sees_participant
from missionmatch.web.routes.api.access import ApiParticipant, ManagedMission, invalid, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.requests import RequestOut, request_out
from missionmatch.web.routes.api.schemas import NOT_BLANK, BodyIn, JsonInt

router = APIRouter(tags=["requests"])
PATH = "/missions/{slug}/requests"
KINDS = {"dismissed": ExclusionKind.DISMISSED, "not-interested": ExclusionKind.NOT_INTERESTED}


class VetoIn(BodyIn):
    reason: str = Field(max_length=request_approval.MAX_REASON, pattern=NOT_BLANK)


class MustMeetIn(BodyIn):
    delegate_id: JsonInt
    host_id: JsonInt


@router.post(PATH + "/{request_id}/veto", responses=answers(400, 403, 404, 409, 422))
def veto_request(
    request_id: int, mission: ManagedMission, db: DbSession, settings: Settings, body: VetoIn
) -> RequestOut:
    """Stops a request, or an accepted one whose meeting has not taken place; the pair cannot be asked again
    in this mission. 409 `not_pending` (already closed) or `already_held`."""
    found = db.get(MeetingRequest, request_id)
    if found is None or found.mission_id != mission.id:
        raise not_found("request")
    try:
        request_steering.veto_request(db, found, body.reason, mail=settings.mail)
    except RequestRefused as refused:
        db.rollback()
        if refused.code.startswith("reason_"):
            raise invalid({"reason": "give a reason"}) from None
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return request_out(found)


@router.post(PATH + "/must-meet", status_code=201, responses=answers(400, 403, 404, 409, 422))
def add_must_meet(mission: ManagedMission, db: DbSession, settings: Settings, body: MustMeetIn) -> RequestOut:
    """An accepted must-meet request between a delegate and a host, placed by the scheduler before any other
    meeting. 409 `vetoed` or `duplicate`; 422 when the two are on the same side."""
    people = [db.get(Participant, i) for i in (body.delegate_id, body.host_id)]
    first, second = people
    if first is None or second is None or {first.mission_id, second.mission_id} != {mission.id}:
        raise not_found("participant")
    try:
        made = request_steering.add_must_meet(db, mission, first, second, mail=settings.mail)
    except RequestRefused as refused:
        db.rollback()
        if refused.code == "same_side":
            raise invalid({"host_id": "one delegate and one host"}) from None
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return request_out(made)


def _other(db: DbSession, me: Participant, participant_id: int) -> Participant:
    other = db.get(Participant, participant_id)
    if other is None or not participant_sees_participant(me, other):
        raise not_found("participant")
    return other


@router.put("/me/{kind}/{participant_id}", status_code=204, responses=answers(403, 404, 422))
def exclude(
    kind: Literal["dismissed", "not-interested"], participant_id: int, me: ApiParticipant, db: DbSession
) -> Response:
    """Dismisses a recommended partner (this mission), or marks them not interested: never recommended nor
    requested again in the campaign. Idempotent."""
    other = _other(db, me, participant_id)
    try:
        partner_exclusions.exclude(db, me, other, KINDS[kind])
    except RequestRefused:
        db.rollback()
        raise not_found("participant") from None
    db.commit()
    return Response(status_code=204)


@router.delete("/me/{kind}/{participant_id}", status_code=204, responses=answers(403, 404, 422))
def undo_exclusion(
    kind: Literal["dismissed", "not-interested"], participant_id: int, me: ApiParticipant, db: DbSession
) -> Response:
    """Undoes a dismissal or a "not interested"; nothing to undo is fine."""
    partner_exclusions.undo(db, me, _other(db, me, participant_id), KINDS[kind])
    db.commit()
    return Response(status_code=204)
