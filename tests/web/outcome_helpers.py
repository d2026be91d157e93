"""Rows of the web fixtures' missions looked up by key, for the outcome page tests."""

from sqlalchemy import select

from missionmatch.models import Agreement, Feedback, Meeting, Mission, Organisation
from tests.web.conftest import World

BASE = "/missions/test-osaka/agreements"


def mission_id(world: World, slug: str = "test-osaka") -> int:
    with world.factory() as session:
        return session.scalar(select(Mission.id).where(Mission.slug == slug))


def agreement(world: World, key: str = "a-1", slug: str = "test-osaka") -> Agreement:
    with world.factory() as session:
        found = session.scalar(
            select(Agreement).where(Agreement.key == key, Agreement.mission_id == mission_id(world, slug))
        )
        assert found is not None
        _ = (found.parties, found.meetings, found.signatories, found.history, found.documents)
        return found


def organisation_id(world: World, key: str, slug: str = "test-osaka") -> int:
    with world.factory() as session:
        query = select(Organisation.id).where(Organisation.key == key)
        return session.scalar(query.where(Organisation.mission_id == mission_id(world, slug)))


def meeting_row_id(world: World, slug: str = "test-osaka") -> int:
    with world.factory() as session:
        query = select(Meeting.id).where(Meeting.key == "m-1")
        return session.scalar(query.where(Meeting.mission_id == mission_id(world, slug)))


def feedback_id(world: World, slug: str = "test-osaka") -> int:
    with world.factory() as session:
        return session.scalar(select(Feedback.id).where(Feedback.meeting_id == meeting_row_id(world, slug)))
