"""The mission settings rules, in the service: every wrong field named at once, nothing half-written."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.clock import instant_to_wall
from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Mission
from missionmatch.models.enums import DirectoryVisibility, RequestStatus
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


def _base(**request_rules) -> MissionSettings:
    return MissionSettings(dt.date(2025, 5, 24), dt.date(2025, 5, 31), "Asia/Tokyo", **request_rules)


def test_the_request_window_is_read_on_the_mission_clocks_and_the_limit_kept(session):
    mission = make_mission(session)
    change = _base(
        requests_open_at=dt.datetime(2025, 5, 12, 9, 0),
        requests_close_at=dt.datetime(2025, 5, 23, 18, 0),
        max_open_requests=10,
    )
    update_settings(session, mission, change)
    assert (mission.requests_open_at, mission.requests_close_at, mission.max_open_requests) == (
        dt.datetime(2025, 5, 12, 0, 0, tzinfo=dt.UTC),
        dt.datetime(2025, 5, 23, 9, 0, tzinfo=dt.UTC),
        10,
    )
    update_settings(session, mission, _base())
    assert (mission.requests_open_at, mission.requests_close_at, mission.max_open_requests) == (
        None,
        None,
        None,
    )


def test_a_window_closing_before_it_opens_and_a_limit_below_one_are_named(session):
    mission = make_mission(session)
    change = _base(
        requests_open_at=dt.datetime(2025, 5, 12, 9, 0),
        requests_close_at=dt.datetime(2025, 5, 12, 9, 0),
        max_open_requests=0,
    )
    with pytest.raises(SetupRejected) as rejected:
        update_settings(session, mission, change)
    assert rejected.value.errors == {
        "requests_close_at": FieldError("end_before_start"),
        "max_open_requests": FieldError("number", {"low": 1, "high": 1000}),
    }
    assert (mission.requests_open_at, mission.requests_close_at, mission.max_open_requests) == (
        None,
        None,
        None,
    )


def test_moving_the_close_moves_the_expiry_of_unanswered_requests_only(session):
    mission = make_mission(session)
    waiting, answered = sorted(mission.meeting_requests, key=lambda r: r.key, reverse=True)  # r-2, r-1
    overdue = MeetingRequest(
        mission=mission,
        requester=waiting.requester,
        recipient=answered.recipient,
        status=RequestStatus.PENDING,
        created_at=clock.now() - dt.timedelta(days=2),
        expires_at=clock.now() - dt.timedelta(days=1),
    )
    session.add(overdue)
    before = (answered.expires_at, overdue.expires_at)
    close = (clock.now() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    # the window closes before the B2B sessions: here they are a week after that close
    mission.b2b_sessions[0].starts_at = instant_to_wall(close + dt.timedelta(days=7), "Asia/Tokyo")
    update_settings(session, mission, _base(requests_close_at=instant_to_wall(close, "Asia/Tokyo")))
    assert waiting.expires_at == close
    assert (answered.expires_at, overdue.expires_at) == before


def test_the_request_window_closes_before_the_first_b2b_session(session):
    mission = make_mission(session)
    dates = (mission.start_date, mission.end_date, mission.timezone)
    late = MissionSettings(*dates, requests_close_at=dt.datetime(2025, 5, 27, 14, 1))  # B2B from 14:00
    with pytest.raises(SetupRejected) as rejected:
        update_settings(session, mission, late)
    assert rejected.value.errors == {
        "requests_close_at": FieldError("window_after_b2b", {"start": "2025-05-27 14:00"})
    }
    assert mission.requests_close_at is None
    update_settings(
        session, mission, MissionSettings(*dates, requests_close_at=dt.datetime(2025, 5, 27, 14, 0))
    )
    assert instant_to_wall(mission.requests_close_at, mission.timezone) == dt.datetime(2025, 5, 27, 14, 0)
