"""Participant action: withdraw from an accepted request before its meeting takes place."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import MeetingRequest
from missionmatch.services.meeting_requests import RequestRefused
from missionmatch.services.request_withdrawal import withdraw_accepted
from missionmatch.web.deps import CurrentParticipant, DbSession, Lang, Settings
from missionmatch.web.routes.meeting_requests import refusal_page
from missionmatch.web.security import verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.post("/me/requests/{request_id}/withdraw", name="request_withdraw")
def withdraw(
    request: Request, me: CurrentParticipant, db: DbSession, t: Lang, settings: Settings, request_id: int
) -> Response:
    found = db.get(MeetingRequest, request_id)
    if found is None or me.id not in (found.requester_id, found.recipient_id) or not found.reached_recipient:
        raise HTTPException(status_code=404)
    try:
        withdraw_accepted(db, found, me, mail=settings.mail)
    except RequestRefused as refused:
        db.rollback()
        return refusal_page(request, me, db, t, refused.code)
    db.commit()
    return RedirectResponse("/me/requests", status_code=303)
