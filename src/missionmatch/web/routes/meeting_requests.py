"""Participant pages: meeting requests sent and received; send, accept, decline, cancel."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import joinedload

from missionmatch import clock
from missionmatch.models import MeetingRequest, Mission, Participant
from missionmatch.services import company_requests as company
from missionmatch.services import meeting_requests as requests
from missionmatch.services.campaign_memory import past_meetings
from missionmatch.web.deps import CurrentParticipant, DbSession, Lang, Settings
from missionmatch.web.i18n import Translator
from missionmatch.web.permissions import (
    participant_answers_request,
    participant_cancels_request,
    participant_sees_participant,
)
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
RECIPIENT_LOADS = [joinedload(Participant.organisation), joinedload(Participant.mission)]


def refusal_text(t: Translator, code: str, mission: Mission | None = None) -> str:
    limit = mission.max_open_requests if mission is not None else None
    texts = {
        "self": t.gettext("You cannot ask yourself for a meeting."),
        "same_side": t.gettext("Meetings are between the delegation and the hosts."),
        "duplicate": t.gettext("There is already an open request between you two."),
        "expired": t.gettext("This request has expired."),
        "not_pending": t.gettext("This request has already been answered."),
        "no_representative": t.gettext("This organisation has no representative to answer."),
        "colleague_outside": t.gettext("Only colleagues of your own organisation can come with you."),
        "attendee_outside": t.gettext("Only people of your own organisation can attend for it."),
        "attendee_erased": t.gettext("Someone you named was erased from the mission."),
        "priority": t.gettext("Unknown priority."),
        "message": t.gettext("The message is too long."),
        "window_not_open": t.gettext("Meeting requests for this mission are not open yet."),
        "window_closed": t.gettext("Meeting requests for this mission are closed."),
        "vetoed": t.gettext("The organisers have stopped meetings between you two."),
        "not_interested": t.gettext(
            "You marked this person as not interested: take them off that list to ask them."
        ),
        "unavailable": t.gettext("This person is not taking requests from you."),
        "must_meet": t.gettext("The organisers arranged this meeting: ask them to change it."),
        "already_held": t.gettext("This meeting has already taken place."),
        "limit_reached": t.gettext(
            "You already have %(limit)s open or accepted requests, the most this mission allows: "
            "cancel one or wait for an answer.",
            limit=limit,
        ),
    }
    return texts.get(code, t.gettext("This is not possible."))


def _page(request: Request, me: Participant, db, error: str = "", status: int = 200) -> Response:
    box = requests.inbox(db, me)
    others = [r.requester for r in box.incoming] + [r.recipient for r in box.outgoing]
    return render(
        request,
        "requests.html",
        status_code=status,
        me=me,
        mission=me.mission,
        inbox=box,
        met_before=past_meetings(db, me, others),  # a request between them is a follow-up meeting
        error=error,
        now=clock.now(),
    )


def refusal_page(request: Request, me: Participant, db, t: Translator, code: str) -> Response:
    """The requests page with a refusal in words, 409."""
    return _page(request, me, db, error=refusal_text(t, code, me.mission), status=409)


@router.get("/me/requests")
def request_list(request: Request, me: CurrentParticipant, db: DbSession) -> Response:
    return _page(request, me, db)


@router.post("/me/requests", name="request_send")
def send(
    request: Request,
    me: CurrentParticipant,
    db: DbSession,
    t: Lang,
    settings: Settings,
    recipient_id: Annotated[int, Form()],
    message: Annotated[str, Form()] = "",
    priority: Annotated[int, Form()] = 2,
    to_organisation: Annotated[bool, Form()] = False,
    colleague_ids: Annotated[list[int], Form()] = [],  # noqa: B006 (FastAPI copies form defaults)
) -> Response:
    # with what the checks read of them: the recipient's organisation and the mission (which is also mine)
    recipient = db.get(Participant, recipient_id, options=RECIPIENT_LOADS)
    if recipient is None or not participant_sees_participant(me, recipient):
        raise HTTPException(status_code=404)
    try:
        company.send_with_attendees(
            db,
            me,
            recipient.organisation if to_organisation else recipient,
            colleagues=_mission_people(db, me, colleague_ids),
            message=message,
            priority=priority,
            valid_for=settings.request_validity,
            mail=settings.mail,
        )
    except requests.RequestRefused as refused:
        db.rollback()
        return _page(request, me, db, error=refusal_text(t, refused.code, me.mission), status=409)
    db.commit()
    return RedirectResponse("/me/requests", status_code=303)


def _mission_people(db, me: Participant, ids: list[int]) -> list[Participant]:
    found = [db.get(Participant, i) for i in ids]
    if any(p is None or p.mission_id != me.mission_id for p in found):
        raise HTTPException(status_code=404)
    return [p for p in found if p is not None]


def _own_request(db, me: Participant, request_id: int, rule) -> MeetingRequest:
    found = db.get(MeetingRequest, request_id)
    if found is None or not rule(me, found):
        raise HTTPException(status_code=404)
    return found


@router.post("/me/requests/{request_id}/{action}", name="request_answer")
def answer(
    request: Request,
    me: CurrentParticipant,
    db: DbSession,
    t: Lang,
    settings: Settings,
    request_id: int,
    action: str,
    attendee_ids: Annotated[list[int], Form()] = [],  # noqa: B006 (FastAPI copies form defaults)
) -> Response:
    rules = {
        "accept": participant_answers_request,
        "decline": participant_answers_request,
        "cancel": participant_cancels_request,
    }
    if action not in rules:
        raise HTTPException(status_code=404)
    found = _own_request(db, me, request_id, rules[action])
    try:
        if action == "accept":  # naming who of the organisation comes (none named: the one accepting)
            attendees = _mission_people(db, me, attendee_ids)
            company.accept_with_attendees(db, found, me, attendees, mail=settings.mail)
        else:
            requests.act_on_request(db, found, me, action, mail=settings.mail)
    except requests.RequestRefused as refused:
        db.rollback()
        return _page(request, me, db, error=refusal_text(t, refused.code), status=409)
    db.commit()
    return RedirectResponse("/me/requests", status_code=303)
