"""Waiting lists: joining when full, promotion in order when a place frees (cancellation, capacity raised),
who is skipped and why, leaving, moving, promoting by hand, and the mail in the participant's language."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import OutboxMail
from missionmatch.services import programme_setup as setup
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.programme_promotion import Blocker, blocker, promote
from missionmatch.services.setup_fields import FieldError, SetupRejected
from tests.services.waiting_helpers import (
    MAIL,
    item,
    people,
    person,
    registered,
    waiting_keys,
    waiting_mission,
)

FORM = {"kind": "company_visit", "title": "Visit of Kansai Orbital", "starts_at": "2025-05-28T14:00"}


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, waiting_mission())
    return sqlite_factory


def _mails(session: Session) -> list[tuple[str, str]]:
    return [(m.recipient, m.subject) for m in session.scalars(select(OutboxMail).order_by(OutboxMail.id))]


def test_a_cancelled_registration_promotes_the_first_waiting_and_mails_them_in_their_language(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        visit = item(session, "visit-1")  # 2 places, Anne registered
        setup.register(session, visit, people(session, "p-2", "p-3", "p-4"))
        assert (registered(session, "visit-1"), waiting_keys(session, "visit-1")) == (
            ["p-1", "p-2"],
            ["p-3", "p-4"],
        )
        promotions = setup.unregister(session, MAIL, visit, person(session, "p-1"))
        assert [(i.key, p.key) for i, p in promotions.promoted] == [("visit-1", "p-3")]
        assert (registered(session, "visit-1"), waiting_keys(session, "visit-1")) == (["p-2", "p-3"], ["p-4"])
        assert waiting.position_of(session, visit, person(session, "p-4")) == 1
        assert _mails(session) == [("yamada@orbital.example.jp", "空きが出ました：Visit of Kansai Orbital")]
        assert "2025-05-28 14:00" in promotions.mails[0].body
        assert "http://127.0.0.1:8000/me/agenda" in promotions.mails[0].body


def test_someone_busy_at_that_time_is_skipped_and_keeps_their_place(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        morning = item(session, "morning")  # 1 place, during the forum (Anne and Jonas)
        setup.register(session, morning, people(session, "p-3", "p-1", "p-4"))
        assert waiting_keys(session, "morning") == ["p-1", "p-4"]
        promotions = setup.unregister(session, MAIL, morning, person(session, "p-3"))
        assert [p.key for _, p in promotions.promoted] == ["p-4"]
        forum_start = dt.datetime(2025, 5, 27, 9, 0)
        assert [(p.key, why) for _, p, why in promotions.skipped] == [
            ("p-1", Blocker("programme", "Business Forum", forum_start))
        ]
        assert (registered(session, "morning"), waiting_keys(session, "morning")) == (["p-4"], ["p-1"])
        afternoon = item(session, "afternoon")  # during m-1
        assert blocker(session, afternoon, person(session, "p-4")) == Blocker(
            "meeting", "m-1", dt.datetime(2025, 5, 27, 14, 40)
        )
        assert blocker(session, afternoon, person(session, "p-2")) is None


def test_raising_the_capacity_promotes_in_order_and_no_limit_promotes_everyone(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        visit = item(session, "visit-1")
        setup.register(session, visit, people(session, "p-2", "p-4", "p-3"))
        form = {**FORM, "ends_at": "2025-05-28T16:00", "capacity": "3"}
        promotions = setup.update_item(session, MAIL, visit, setup.read_item(visit.mission, form))
        assert [p.key for _, p in promotions.promoted] == ["p-4"]
        assert waiting_keys(session, "visit-1") == ["p-3"]
        promotions = setup.update_item(
            session, MAIL, visit, setup.read_item(visit.mission, {**form, "capacity": ""})
        )
        assert [p.key for _, p in promotions.promoted] == ["p-3"]
        assert (registered(session, "visit-1"), waiting_keys(session, "visit-1")) == (
            ["p-1", "p-2", "p-3", "p-4"],
            [],
        )


def test_leaving_moving_and_promoting_by_hand(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        quiet = item(session, "quiet")  # 1 place
        result = setup.register(session, quiet, people(session, "p-1", "p-2", "p-3", "p-4"))
        assert [(p.key, n) for p, n in result.waiting] == [("p-2", 1), ("p-3", 2), ("p-4", 3)]
        waiting.move(session, quiet, person(session, "p-4"), 1)
        assert waiting_keys(session, "quiet") == ["p-4", "p-2", "p-3"]
        waiting.move(session, quiet, person(session, "p-4"), 99)  # past the end: last
        assert waiting_keys(session, "quiet") == ["p-2", "p-3", "p-4"]
        waiting.leave(session, quiet, person(session, "p-2"))
        assert [e.position for e in waiting.entries(session, quiet)] == [1, 2]
        with pytest.raises(SetupRejected) as full:
            promote(session, MAIL, quiet, person(session, "p-4"))
        assert full.value.errors == {"participant_id": FieldError("no_place_left", {"capacity": 1})}
        with pytest.raises(SetupRejected) as gone:
            waiting.leave(session, quiet, person(session, "p-2"))
        assert gone.value.errors == {"participant_id": FieldError("not_waiting", {})}
    with transaction(factory) as session:
        quiet = item(session, "quiet")
        setup.update_item(
            session,
            MAIL,
            quiet,
            setup.read_item(
                quiet.mission,
                {**FORM, "starts_at": "2025-05-29T09:00", "ends_at": "2025-05-29T10:00", "capacity": "2"},
            ),
        )  # p-3 promoted: the first
        setup.unregister(session, MAIL, quiet, person(session, "p-1"))  # p-4 promoted
        assert (registered(session, "quiet"), waiting_keys(session, "quiet")) == (["p-3", "p-4"], [])
    with transaction(factory) as session:
        quiet = item(session, "quiet")
        assert setup.unregister(session, MAIL, quiet, person(session, "p-4")).promoted == []  # nobody waits
        result = setup.register(session, quiet, people(session, "p-2"))  # the free place: registered at once
        assert ([p.key for p in result.added], result.waiting) == (["p-2"], [])
        assert (registered(session, "quiet"), waiting_keys(session, "quiet")) == (["p-2", "p-3"], [])


def test_registering_someone_waiting_when_a_place_is_free_takes_them_off_the_list(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        morning = item(session, "morning")
        setup.register(session, morning, people(session, "p-3", "p-1"))  # Anne waits, at the forum then
        setup.unregister(session, MAIL, morning, person(session, "p-3"))  # Anne skipped: the place stays free
        assert (registered(session, "morning"), waiting_keys(session, "morning")) == ([], ["p-1"])
        result = setup.register(session, morning, people(session, "p-1"))  # the organiser decides
        assert ([p.key for p in result.added], result.waiting) == (["p-1"], [])
        assert (registered(session, "morning"), waiting_keys(session, "morning")) == (["p-1"], [])
