"""Eager loading for the busiest pages: what a page reads of a mission, fetched in a few statements instead of
one per participant, meeting or profile (the N+1 queries behind finding 4's slow agenda and dashboard).
Each function loads into the session's identity map, so the objects the page holds see it too; the caller
keeps the returned mission while it renders (the identity map holds objects weakly)."""

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from missionmatch.models import Mission, Participant

# a participant as pages show them: name, organisation, profile
PEOPLE = (joinedload(Participant.organisation), selectinload(Participant.profile))


def load_people(session: Session, mission_id: int) -> Mission:
    """The mission with its participants, their organisation and profile (directory, recommendations)."""
    people = selectinload(Mission.participants).options(*PEOPLE)
    return session.scalars(select(Mission).where(Mission.id == mission_id).options(people)).one()
