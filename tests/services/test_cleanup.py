"""Deleting expired rows (services/cleanup.py), on SQLite and PostgreSQL: what can still be used stays."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import (
    ImportUpload,
    LoginLink,
    LoginThrottle,
    MeetingRequest,
    Participant,
    WebSession,
)
from missionmatch.models.enums import RequestStatus
from missionmatch.services import accounts, cleanup, login_throttle
from missionmatch.services.import_uploads import store_upload
from missionmatch.services.mission_import import import_mission
from missionmatch.services.web_sessions import LONGEST, end_session, open_session
from tests.factories import small_mission

NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def _counter(key: str, last: dt.datetime, next_allowed: dt.datetime) -> LoginThrottle:
    return LoginThrottle(key=key, attempts=3, last_attempt_at=last, next_allowed_at=next_allowed)


def _fill(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows on both sides of each limit, as they stand at NOW."""
    import_mission(session, small_mission())
    anne = session.scalar(select(Participant).where(Participant.key == "p-1"))
    organiser = accounts.create_organiser(session, "orga@example.lu", "twelve chars", [])
    monkeypatch.setattr(clock, "now", lambda: NOW - LONGEST)
    open_session(session, organiser=organiser)  # expires exactly at NOW: gone
    monkeypatch.setattr(clock, "now", lambda: NOW - LONGEST + SECOND)
    end_session(session, open_session(session, participant=anne))  # ended, within its 14 days: kept
    monkeypatch.setattr(clock, "now", lambda: NOW - dt.timedelta(hours=24))
    accounts.create_login_link(session, anne, dt.timedelta(hours=24))  # expires at NOW: gone
    accounts.create_login_link(session, anne, dt.timedelta(hours=24) + SECOND)  # kept
    store_upload(session, anne.mission, "old.csv", b"email\n")  # made 24 h before NOW: gone
    monkeypatch.setattr(clock, "now", lambda: NOW - dt.timedelta(hours=24) + SECOND)
    store_upload(session, anne.mission, "new.csv", b"email\n")  # kept
    monkeypatch.undo()
    waiting = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-2"))
    waiting.expires_at = NOW  # pending, due exactly now: expired by the clean-up
    pair, links = login_throttle.ACCOUNT_FROM_ADDRESS, login_throttle.LINK_TO_MAILBOX
    session.add_all(
        [
            _counter(pair.key("a@b.lu", "1.2.3.4"), NOW - pair.forget_after, NOW),  # forgotten: gone
            _counter(pair.key("c@b.lu", "1.2.3.4"), NOW - pair.forget_after + SECOND, NOW),  # kept
            # quiet long enough for a 1 h rule, not for the 2 h rule of link mails: kept
            _counter(links.key("a@b.lu"), NOW - pair.forget_after, NOW),
            _counter(links.key("c@b.lu"), NOW - links.forget_after, NOW - SECOND),  # gone
            _counter("someone-else:x", NOW - dt.timedelta(days=30), NOW - dt.timedelta(days=30)),  # kept
        ]
    )
    session.flush()


def test_clean_up_deletes_exactly_the_expired_rows(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(session_factory) as session:
        _fill(session, monkeypatch)
    with transaction(session_factory) as session:
        assert cleanup.clean_up(session, NOW) == {
            "web sessions deleted": 1,
            "sign-in counters deleted": 2,
            "sign-in links deleted": 1,
            "job files deleted": 0,
            "import files deleted": 1,
            "meeting requests expired": 1,
        }
    with session_factory() as session:
        assert [s.participant_id is not None for s in session.scalars(select(WebSession))] == [True]
        assert session.scalar(select(LoginLink.expires_at)) == NOW + SECOND
        assert list(session.scalars(select(ImportUpload.file_name))) == ["new.csv"]
        assert session.scalar(select(MeetingRequest.status).where(MeetingRequest.key == "r-2")) == (
            RequestStatus.EXPIRED
        )
        assert sorted(session.scalars(select(LoginThrottle.key))) == [
            "link-mailbox:a@b.lu",
            "pair:c@b.lu:1.2.3.4",
            "someone-else:x",
        ]


def test_a_second_clean_up_deletes_nothing(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(session_factory) as session:
        _fill(session, monkeypatch)
        cleanup.clean_up(session, NOW)
    with transaction(session_factory) as session:
        assert cleanup.clean_up(session, NOW) == dict.fromkeys(cleanup.CLEANERS, 0)
