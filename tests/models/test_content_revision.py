"""Every kind of write that changes participants' pages bumps the mission's content revision in its own
transaction (models/content_revision.py); bookkeeping writes and reads do not. SQLite and PostgreSQL."""

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, ProgrammeItem
from missionmatch.models.enums import AgreementKind
from missionmatch.services import calendar_feeds
from missionmatch.services.agreement_fields import AgreementFields
from missionmatch.services.agreements import create_agreement
from missionmatch.services.meeting_placement import move_meeting
from missionmatch.services.profiles import save_profile
from missionmatch.services.programme_setup import register, unregister
from missionmatch.services.schedule_publish import cancel_meeting
from missionmatch.services.web_sessions import open_session
from missionmatch.settings import MailSettings
from tests import agenda_world as world

LATER = dt.datetime(2025, 5, 21, 3, 0, tzinfo=dt.UTC)


def revision(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        mission = session.scalar(select(Mission))
        assert mission is not None
        return mission.content_revision


def _item(session: Session) -> ProgrammeItem:
    found = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == "visit-1"))
    assert found is not None
    return found


def _move(session: Session) -> None:
    found = world.meeting(session, "m-2")
    assert found.session is not None
    move_meeting(session, found, found.session, 3)


def _profile(session: Session) -> None:
    me = world.participant(session, "p-3")
    save_profile(session, me, language="en", offers="Drones", needs="", sectors=[], spoken=["en"])


def _rename_organisation(session: Session) -> None:
    world.participant(session, "p-4").organisation.name = "Sato Trading KK"


def _outcome(session: Session) -> None:
    mission = session.scalar(select(Mission))
    assert mission is not None
    fields = AgreementFields("Distribution", AgreementKind.MOU, "", None, confidential=False)
    create_agreement(session, mission, fields, by="test", now=LATER)


WRITES: dict[str, Callable[[Session], object]] = {
    "meeting moved": _move,
    "meeting cancelled": lambda s: cancel_meeting(s, world.meeting(s, "m-1")),
    "schedule published": lambda s: world.publish(s, LATER),
    "profile saved": _profile,
    "organisation renamed": _rename_organisation,
    "registered for a programme item": lambda s: register(s, _item(s), [world.participant(s, "p-3")]),
    "unregistered from a programme item": lambda s: unregister(
        s, MailSettings(), _item(s), world.participant(s, "p-1")
    ),
    "calendar feed created": lambda s: calendar_feeds.create_feed(s, world.participant(s, "p-1")),
    "outcome recorded": _outcome,
}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_each_kind_of_write_bumps_the_revision(session_factory: sessionmaker[Session], write: str) -> None:
    world.published_mission(session_factory)
    before = revision(session_factory)
    with transaction(session_factory) as session:
        WRITES[write](session)
    assert revision(session_factory) > before  # one bump a flush: a write of several flushes bumps more


def test_a_rolled_back_write_leaves_the_revision(session_factory: sessionmaker[Session]) -> None:
    world.published_mission(session_factory)
    before = revision(session_factory)
    with session_factory() as session:
        _rename_organisation(session)
        session.flush()
        session.rollback()
    assert revision(session_factory) == before


def test_signing_in_and_reading_do_not_bump(session_factory: sessionmaker[Session]) -> None:
    world.published_mission(session_factory)
    before = revision(session_factory)
    with transaction(session_factory) as session:
        me = world.participant(session, "p-1")
        open_session(session, participant=me)
        assert [item.key for item in me.programme_items] == ["forum", "visit-1"]
    assert revision(session_factory) == before
