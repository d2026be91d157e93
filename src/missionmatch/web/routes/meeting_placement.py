"""Organiser pages: curate the schedule by hand from the table plan. Move a draft or published meeting to
another slot or table, place an accepted request the scheduler left out, remove a meeting from the draft.
Refusals name every rule the placement breaks (409); a malformed form field is a 422 naming it."""

from collections.abc import Callable
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission, Participant
from missionmatch.services.meeting_placement import (
    PlacementRefused,
    move_meeting,
    place_request,
    remove_from_draft,
    unplaced_requests,
)
from missionmatch.services.placement_rules import check_slots
from missionmatch.web.deps import DbSession, Lang, ManagedMission, get_translator
from missionmatch.web.i18n import Translator
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.placement_text import refusal_text, refusal_texts
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
Target = tuple[B2BSession, int, int | None]


def _overview(db: Session, mission: Mission, people: list[Participant], besides: Meeting | None) -> list:
    """Per session and slot: its time and why the meeting cannot go there (nothing: it can)."""
    return [
        {"session": b2b, "slots": [(b2b.slot_times()[slot][0], why) for slot, why in checks.items()]}
        for b2b in mission.b2b_sessions
        for checks in [check_slots(db, people, b2b, besides=besides)]
    ]


def _page(
    request: Request,
    db: Session,
    mission: Mission,
    people: list[Participant],
    *,
    meeting: Meeting | None = None,
    errors: list[str] | None = None,
    status: int = 200,
    chosen: tuple[str, str] | None = None,
    **context,
) -> Response:
    """`chosen`: the slot and table sent (shown again with the refusal), else where the meeting is."""
    if chosen is None and meeting is not None and meeting.slot is not None:
        chosen = (
            f"{meeting.session_id}:{meeting.slot}",
            "" if meeting.table is None else str(meeting.table + 1),
        )
    return render(
        request,
        "meeting_placement.html",
        status_code=status,
        mission=mission,
        people=people,
        meeting=meeting,
        overview=_overview(db, mission, people, meeting),
        describe=lambda refusal: refusal_text(get_translator(request), refusal, mission.timezone),
        errors=errors or [],
        chosen=chosen or ("", ""),
        **context,
    )


def _target(mission: Mission, t: Translator, slot: str, table: str) -> Target | dict[str, str]:
    """The session, slot and table (0-based) chosen in the form, or a message per malformed field."""
    errors = {}
    session_id, _, index = slot.partition(":")
    b2b = next((s for s in mission.b2b_sessions if str(s.id) == session_id), None)
    if b2b is None or not index.lstrip("-").isdigit():
        errors["slot"] = t.gettext("Choose a slot of one of this mission's B2B sessions.")
    if table.strip() and not table.strip().lstrip("-").isdigit():
        errors["table"] = t.gettext("The table must be a number, or empty for the first free table.")
    if errors or b2b is None:
        return errors
    return b2b, int(index), int(table) - 1 if table.strip() else None


def _refused(t: Translator, mission: Mission, refused: PlacementRefused) -> list[str]:
    return refusal_texts(t, refused.refusals, mission.timezone)


def _placed(
    request: Request,
    db: Session,
    t: Translator,
    mission: Mission,
    people: list[Participant],
    placement: Callable[[B2BSession, int, int | None], object],
    slot: str,
    table: str,
    **shown,
) -> Response:
    """Puts the meeting of `people` where the form says (`placement` takes the session, slot and table), then
    back to the schedule; a malformed field (422) or a refusal (409) shows the form again with the choice."""
    target = _target(mission, t, slot, table)
    if isinstance(target, dict):
        errors = list(target.values())
        return _page(request, db, mission, people, errors=errors, status=422, chosen=(slot, table), **shown)
    try:
        placement(*target)
    except PlacementRefused as refused:
        db.rollback()
        errors = _refused(t, mission, refused)
        return _page(request, db, mission, people, errors=errors, status=409, chosen=(slot, table), **shown)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/schedule", status_code=303)


@router.get("/missions/{slug}/schedule/unplaced", name="unplaced_requests_page")
def unplaced_page(request: Request, mission: ManagedMission, db: DbSession) -> Response:
    return render(request, "unplaced_requests.html", mission=mission, requests=unplaced_requests(db, mission))


@router.get("/missions/{slug}/meetings/{meeting_id}/move", name="meeting_move_page")
def move_page(request: Request, mission: ManagedMission, db: DbSession, meeting_id: int) -> Response:
    meeting = row_of_mission(db, mission, Meeting, meeting_id)
    return _page(request, db, mission, list(meeting.participants), meeting=meeting)


@router.post("/missions/{slug}/meetings/{meeting_id}/move", name="meeting_move")
def move(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    meeting_id: int,
    slot: Annotated[str, Form()] = "",
    table: Annotated[str, Form()] = "",
) -> Response:
    meeting = row_of_mission(db, mission, Meeting, meeting_id)
    moving = partial(move_meeting, db, meeting)
    return _placed(request, db, t, mission, list(meeting.participants), moving, slot, table, meeting=meeting)


@router.get("/missions/{slug}/requests/{request_id}/place", name="request_place_page")
def place_page(request: Request, mission: ManagedMission, db: DbSession, request_id: int) -> Response:
    found = row_of_mission(db, mission, MeetingRequest, request_id)
    return _page(request, db, mission, [found.requester, found.recipient], answered=found)


@router.post("/missions/{slug}/requests/{request_id}/place", name="request_place")
def place(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    request_id: int,
    slot: Annotated[str, Form()] = "",
    table: Annotated[str, Form()] = "",
) -> Response:
    found = row_of_mission(db, mission, MeetingRequest, request_id)
    people = [found.requester, found.recipient]
    placing = partial(place_request, db, found)
    return _placed(request, db, t, mission, people, placing, slot, table, answered=found)


@router.post("/missions/{slug}/meetings/{meeting_id}/remove", name="meeting_remove")
def remove(request: Request, mission: ManagedMission, db: DbSession, t: Lang, meeting_id: int) -> Response:
    meeting = row_of_mission(db, mission, Meeting, meeting_id)
    try:
        remove_from_draft(db, meeting)
    except PlacementRefused as refused:
        db.rollback()
        errors = _refused(t, mission, refused)
        return _page(
            request, db, mission, list(meeting.participants), meeting=meeting, errors=errors, status=409
        )
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/schedule", status_code=303)
