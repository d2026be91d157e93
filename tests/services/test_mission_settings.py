"""The mission settings rules, in the service: every wrong field named at once, nothing half-written."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission
from missionmatch.models.enums import DirectoryVisibility
from missionmatch.services.mission_import import import_mission
from missionmatch.services.mission_settings import MissionSettings, update_settings
from missionmatch.services.setup_fields import FieldError, SetupRejected
from tests.factories import small_mission


@pytest.fixture
def session(sqlite_factory: sessionmaker[Session]):
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
        session.flush()
        yield session


def make_mission(session: Session) -> Mission:
    return session.scalars(select(Mission)).one()


def test_every_wrong_field_is_named_and_nothing_is_written(session):
    mission = make_mission(session)
    before = (mission.start_date, mission.end_date, mission.timezone)
    change = MissionSettings(
        dt.date(2025, 5, 20), dt.date(2025, 5, 19), "Mars/Olympus", directory_visibility="everyone-ever"
    )
    with pytest.raises(SetupRejected) as rejected:
        update_settings(session, mission, change)
    assert rejected.value.errors == {
        "directory_visibility": FieldError("unknown_visibility"),
        "end_date": FieldError("mission_ends_before_start"),
        "timezone": FieldError("unknown_timezone"),
    }
    assert (mission.start_date, mission.end_date, mission.timezone) == before


def test_valid_settings_are_written(session):
    mission = make_mission(session)
    change = MissionSettings(
        dt.date(2025, 5, 19), dt.date(2025, 5, 23), "Asia/Tokyo", "  Expo week  ", None, True
    )
    visibility = mission.directory_visibility
    update_settings(session, mission, change)
    assert (mission.start_date, mission.end_date, mission.timezone) == (
        dt.date(2025, 5, 19),
        dt.date(2025, 5, 23),
        "Asia/Tokyo",
    )
    assert mission.description == "Expo week"
    assert mission.directory_visibility == visibility
    assert mission.show_contact_emails is True
    assert isinstance(mission.directory_visibility, DirectoryVisibility)
