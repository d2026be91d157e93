"""Organiser form on a meeting's page: who of the companies concerned attends (a colleague comes instead, or
as well). The service re-checks the meeting's slot; a refusal (409) shows the page again with every reason."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Meeting, Participant
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.meeting_placement import _page as placement_page
from missionmatch.web.security import verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.post("/missions/{slug}/meetings/{meeting_id}/attendees", name="meeting_set_attendees")
def set_attendees(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    meeting_id: int,
    attendee_ids: Annotated[list[int], Form()] = [],  # noqa: B006 (FastAPI copies form defaults)
) -> Response:
    meeting = row_of_mission(db, mission, Meeting, meeting_id)
    people = [db.get(Participant, i) for i in attendee_ids]
    if any(p is None or p.mission_id != mission.id for p in people):
        raise HTTPException(status_code=404)
    try:
        change_attendees(db, meeting, [p for p in people if p is not None])
    except PlacementRefused as refused:
        db.rollback()
        errors = refusal_texts(t, refused.refusals, mission.timezone)
        current = list(meeting.participants)
        return placement_page(
            request, db, mission, current, meeting=meeting, attendee_errors=errors, status=409
        )
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/meetings/{meeting.id}/move", status_code=303)
