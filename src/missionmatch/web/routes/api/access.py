"""Who the token acts for, and the objects it may reach. A mission, participant or meeting that is not the
caller's answers 404 exactly like one that does not exist; an operation for the other role answers 403."""

from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.exceptions import RequestValidationError
from sqlalchemy import select

from missionmatch.models import ApiToken, Meeting, Mission, OrganiserAccount, Participant
from missionmatch.web.deps import ApiPrincipal, DbSession
from missionmatch.web.permissions import organiser_manages_mission


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found")


def invalid(problems: dict[str, str]) -> RequestValidationError:
    """A 422 naming each field, in the same shape as FastAPI's own validation errors (see app.py)."""
    return RequestValidationError(
        [{"loc": ("body", name), "msg": message, "type": "value_error"} for name, message in problems.items()]
    )


def visible_missions(principal: ApiToken) -> list[Mission]:
    if principal.organiser is not None:
        return [m for m in principal.organiser.missions if organiser_manages_mission(principal.organiser, m)]
    return [principal.participant.mission] if principal.participant else []


def find_mission(db: DbSession, principal: ApiToken, slug: str) -> Mission:
    mission = db.scalar(select(Mission).where(Mission.slug == slug))
    if mission is None or mission not in visible_missions(principal):
        raise not_found("mission")
    return mission


def participant_caller(principal: ApiPrincipal) -> Participant:
    if principal.participant is None:
        raise HTTPException(status_code=403, detail="only participants use this operation")
    return principal.participant


def organiser_caller(principal: ApiPrincipal) -> OrganiserAccount:
    if principal.organiser is None or not principal.organiser.active:
        raise HTTPException(status_code=403, detail="only organisers use this operation")
    return principal.organiser


ApiParticipant = Annotated[Participant, Depends(participant_caller)]
ApiOrganiser = Annotated[OrganiserAccount, Depends(organiser_caller)]


def organiser_mission(slug: str, db: DbSession, principal: ApiPrincipal, _: ApiOrganiser) -> Mission:
    """The mission in the URL for an organiser who manages it (403 for participants, whatever the slug)."""
    return find_mission(db, principal, slug)


ManagedMission = Annotated[Mission, Depends(organiser_mission)]


def mission_participant(mission: Mission, db: DbSession, participant_id: int) -> Participant:
    participant = db.get(Participant, participant_id)
    if participant is None or participant.mission_id != mission.id:
        raise not_found("participant")
    return participant


def mission_meeting(mission: Mission, db: DbSession, meeting_id: int) -> Meeting:
    meeting = db.get(Meeting, meeting_id)
    if meeting is None or meeting.mission_id != mission.id:
        raise not_found("meeting")
    return meeting
