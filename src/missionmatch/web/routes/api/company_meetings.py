"""Company meetings: a request bringing colleagues or addressed to an organisation, an acceptance naming who
comes, and organisers changing who attends a meeting (409 with every reason, in words, when it no longer fits
its slot)."""

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from missionmatch.models import MeetingRequest, Participant
from missionmatch.services import company_requests as company
from missionmatch.services import meeting_requests as requests
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.web.deps import ApiPrincipal, DbSession, Lang, Settings
from missionmatch.web.permissions import participant_sees_participant, participant_sees_request
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.api.access import ManagedMission, mission_meeting, mission_participant, not_found
from missionmatch.web.routes.api.errors import REFUSED_IN_WORDS, answers
from missionmatch.web.routes.api.requests import RequestIn, RequestOut, request_out
from missionmatch.web.routes.api.schemas import BodyIn, ErrorOut, JsonInt

router = APIRouter(tags=["company meetings"])


class CompanyRequestIn(RequestIn):
    to_organisation: bool = Field(
        default=False, description="addressed to the recipient's organisation: any representative answers"
    )
    colleague_ids: list[JsonInt] = Field(default=[], description="colleagues of yours who come too")


class AttendeesIn(BodyIn):
    participant_ids: list[JsonInt] = Field(description="everybody who comes, of either side")


class CompanyRequestOut(BaseModel):
    request: RequestOut
    attendee_ids: list[int]
    to_organisation: bool


class AttendeesOut(BaseModel):
    id: int
    key: str
    attendee_ids: list[int]
    interpreter: str | None


def _out(found: MeetingRequest) -> CompanyRequestOut:
    ids = [p.id for p in found.attendees]
    return CompanyRequestOut(
        request=request_out(found), attendee_ids=ids, to_organisation=found.to_organisation
    )


def _caller(principal: ApiPrincipal) -> Participant:
    if principal.participant is None:
        raise HTTPException(status_code=403, detail="only participants send and answer meeting requests")
    return principal.participant


def _people(db: DbSession, me: Participant, ids: list[int]) -> list[Participant]:
    found = [db.get(Participant, i) for i in ids]
    if any(p is None or p.mission_id != me.mission_id for p in found):
        raise not_found("participant")
    return [p for p in found if p is not None]


REFUSED: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorOut,
        "description": "refused as things stand, `detail` naming the rule: "
        + ", ".join(f"`{code}`" for code in (*requests.SEND_REFUSALS, *company.ATTENDEE_REFUSALS)),
    }
}


@router.post("/requests/company", status_code=201, responses=answers(400, 403, 404, 422) | REFUSED)
def send_company_request(
    body: CompanyRequestIn, db: DbSession, principal: ApiPrincipal, settings: Settings
) -> CompanyRequestOut:
    """A request to a person or (`to_organisation`) to the person's organisation, bringing colleagues."""
    me = _caller(principal)
    recipient = db.get(Participant, body.recipient_id)
    if recipient is None or not participant_sees_participant(me, recipient):
        raise not_found("participant")
    try:
        created = company.send_with_attendees(
            db,
            me,
            recipient.organisation if body.to_organisation else recipient,
            colleagues=_people(db, me, body.colleague_ids),
            message=body.message,
            priority=body.priority,
            valid_for=settings.request_validity,
            mail=settings.mail,
        )
    except requests.RequestRefused as refused:
        db.rollback()
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return _out(created)


@router.post("/requests/{request_id}/accept/attendees", responses=answers(403, 404, 422) | REFUSED)
def accept_with_attendees(
    request_id: int, body: AttendeesIn, db: DbSession, principal: ApiPrincipal, settings: Settings
) -> CompanyRequestOut:
    """Accepts, naming who of your organisation comes (for a request to it, the first named answers it)."""
    me = _caller(principal)
    found = db.get(MeetingRequest, request_id)
    if found is None or not participant_sees_request(me, found):
        raise not_found("request")
    try:
        company.accept_with_attendees(
            db, found, me, _people(db, me, body.participant_ids), mail=settings.mail
        )
    except requests.RequestRefused as refused:
        db.rollback()
        raise HTTPException(status_code=409, detail=refused.code) from None
    db.commit()
    return _out(found)


@router.put(
    "/missions/{slug}/meetings/{meeting_id}/attendees",
    responses=answers(400, 403, 404, 422) | REFUSED_IN_WORDS,
)
def set_attendees(
    body: AttendeesIn, mission: ManagedMission, db: DbSession, t: Lang, meeting_id: int
) -> AttendeesOut:
    """Organisers: who attends. 409 with every reason (who is busy in that slot, seats, interpreter)."""
    meeting = mission_meeting(mission, db, meeting_id)
    people = [mission_participant(mission, db, i) for i in body.participant_ids]
    try:
        meeting = change_attendees(db, meeting, people)
    except PlacementRefused as refused:
        db.rollback()
        raise HTTPException(
            status_code=409, detail=refusal_texts(t, refused.refusals, mission.timezone)
        ) from None
    ids = [p.id for p in meeting.participants]
    db.commit()
    return AttendeesOut(id=meeting.id, key=meeting.key, attendee_ids=ids, interpreter=meeting.interpreter)
