"""B2B sessions and interpreter pools as plain functions: pauses, the mission window, meetings kept inside."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, InterpreterPool, Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from missionmatch.services import interpreter_setup, session_setup
from missionmatch.services.mission_import import import_mission
from missionmatch.services.setup_fields import FieldError, FieldReader, SetupRejected
from tests.factories import small_mission

FORM = {
    "name": "B2B afternoon",
    "starts_at": "2025-05-27T14:00",
    "slot_minutes": "20",
    "slot_count": "6",
    "tables": "4",
    "breaks": "3:20",
}


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
    return sqlite_factory


def _b2b(session: Session) -> B2BSession:
    return session.scalars(select(B2BSession)).one()


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission)).one()


@pytest.mark.parametrize(
    ("raw", "value"), [("12", 12), (" 7 ", 7), ("1_0", None), ("٣", None), ("4.0", None)]
)
def test_whole_numbers_are_plain_digits(raw: str, value: int | None) -> None:
    read = FieldReader({"tables": raw})
    assert read.number("tables", 1, 100) == value
    assert read.errors == ({} if value else {"tables": FieldError("number", {"low": 1, "high": 100})})


def test_pauses_are_read_sorted_and_written_back_the_same_way() -> None:
    read = FieldReader({})
    breaks = session_setup.parse_breaks(" 12 : 60 ; 6:20, ", 20, read)
    assert (breaks, read.errors) == (
        [{"after_slot": 6, "minutes": 20}, {"after_slot": 12, "minutes": 60}],
        {},
    )
    assert session_setup.format_breaks(breaks) == "6:20, 12:60"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("6-20", FieldError("breaks_format")),
        ("0:20", FieldError("break_slot", {"last": 5})),
        ("6:20", FieldError("break_slot", {"last": 5})),
        ("2:20, 2:30", FieldError("break_twice", {"slot": 2})),
        ("2:601", FieldError("break_minutes", {"high": 600})),
    ],
)
def test_wrong_pauses_are_named(text: str, error: FieldError) -> None:
    read = FieldReader({})
    session_setup.parse_breaks(text, 6, read)
    assert read.errors == {"breaks": error}


def test_a_session_must_end_within_the_mission(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        late = {**FORM, "starts_at": "2025-05-31T22:00"}  # 6 slots and a pause end at 00:20 on 1 June
        with pytest.raises(SetupRejected) as rejected:
            session_setup.read_session(_mission(session), late)
        first, last = dt.date(2025, 5, 24), dt.date(2025, 5, 31)
        assert rejected.value.errors == {
            "starts_at": FieldError("session_outside_mission", {"first": first, "last": last})
        }
        fields = session_setup.read_session(_mission(session), {**FORM, "starts_at": "2025-05-31T21:40"})
        assert fields.starts_at == dt.datetime(2025, 5, 31, 21, 40)


def test_slots_and_tables_of_scheduled_meetings_are_kept(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = _b2b(session)  # m-1 published in slot 2, table 1
        assert session_setup.stranded(session, b2b, 2, 1) == {"slot_count": ["m-1"], "tables": ["m-1"]}
        fields = session_setup.read_session(
            _mission(session), {**FORM, "slot_count": "3", "tables": "1", "breaks": "2:10"}
        )
        with pytest.raises(SetupRejected) as rejected:
            session_setup.update_session(session, b2b, fields)
        assert rejected.value.errors == {"tables": FieldError("tables_in_use", {"count": 1, "keys": "m-1"})}
        session.scalars(select(Meeting)).one().status = MeetingStatus.CANCELLED
        for participant in _mission(session).participants:
            participant.hosted_table = None  # table 2 is kept too (see the next test)
        session_setup.update_session(session, b2b, fields)
        assert (b2b.slot_count, b2b.tables) == (3, 1)


def test_tables_that_participants_keep_are_kept(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = _b2b(session)  # p-3 and p-4 keep table 2; m-1 (table 2) cancelled so that only they hold it
        session.scalars(select(Meeting)).one().status = MeetingStatus.CANCELLED
        fields = session_setup.read_session(_mission(session), {**FORM, "tables": "1"})
        with pytest.raises(SetupRejected) as rejected:
            session_setup.update_session(session, b2b, fields)
        kept = {"count": 1, "names": "太郎 山田, Hanako Sato", "tables": "2"}
        assert rejected.value.errors == {"tables": FieldError("tables_hosted", kept)}
        assert b2b.tables == 4
        session_setup.update_session(
            session, b2b, session_setup.read_session(_mission(session), {**FORM, "tables": "2"})
        )
        assert b2b.tables == 2


def test_a_session_is_deleted_only_without_scheduled_meetings(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with transaction(session_factory) as session:
        with pytest.raises(SetupRejected) as rejected:
            session_setup.delete_session(session, _b2b(session))
        assert rejected.value.errors == {"session": FieldError("session_in_use", {"keys": "m-1"})}
        session.scalars(select(Meeting)).one().status = MeetingStatus.CANCELLED
        session_setup.delete_session(session, _b2b(session))
    with session_factory() as session:
        assert session.scalars(select(B2BSession)).all() == []
        assert session.scalars(select(InterpreterPool)).all() == []
        meeting = session.scalars(select(Meeting)).one()
        assert (meeting.session_id, meeting.slot, meeting.table) == (None, None, None)


def test_pools_are_stored_in_alphabetical_order_and_never_twice(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = _b2b(session)
        pool = interpreter_setup.add_pool(session, b2b, "ja", "en", "2")
        assert (pool.language_a, pool.language_b, pool.count) == ("en", "ja", 2)
        with pytest.raises(SetupRejected) as rejected:
            interpreter_setup.add_pool(session, b2b, "en", "ja", "1")
        assert rejected.value.errors == {"language_b": FieldError("pair_exists", {"pair": "en-ja"})}
        with pytest.raises(SetupRejected) as rejected:
            interpreter_setup.add_pool(session, b2b, "xx", "xx", "101")
        assert rejected.value.errors == {
            "language_a": FieldError("unknown_language"),
            "language_b": FieldError("unknown_language"),
            "count": FieldError("number", {"low": 0, "high": 100}),
        }
        assert [p.pair for p in b2b.interpreters] == ["fr-ja", "en-ja"]


def test_an_imported_pool_in_the_other_order_is_recognised(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = _b2b(session)
        pool = b2b.interpreters[0]
        pool.language_a, pool.language_b = "ja", "fr"  # as a mission document may write it
        with pytest.raises(SetupRejected):
            interpreter_setup.add_pool(session, b2b, "fr", "ja", "1")
        assert interpreter_setup.peak_use(session, pool) == 1  # m-1 uses "fr-ja"


def test_a_pool_never_shrinks_below_its_busiest_slot(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        pool = _b2b(session).interpreters[0]
        with pytest.raises(SetupRejected) as rejected:
            interpreter_setup.set_pool_count(session, pool, "0")
        assert rejected.value.errors == {
            "count": FieldError("interpreters_in_use", {"peak": 1, "pair": "fr-ja"})
        }
        with pytest.raises(SetupRejected):
            interpreter_setup.remove_pool(session, pool)
        interpreter_setup.set_pool_count(session, pool, "3")
        assert pool.count == 3


def test_seats_never_drop_below_a_scheduled_meetings_attendees(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = _b2b(session)  # m-1: three attendees
        assert b2b.seats == 4
        with pytest.raises(SetupRejected) as rejected:
            session_setup.update_session(
                session, b2b, session_setup.read_session(_mission(session), {**FORM, "seats": "2"})
            )
        assert rejected.value.errors == {"seats": FieldError("seats_in_use", {"count": 2, "keys": "m-1"})}
        session_setup.update_session(
            session, b2b, session_setup.read_session(_mission(session), {**FORM, "seats": "3"})
        )
        assert b2b.seats == 3
        with pytest.raises(SetupRejected) as rejected:
            session_setup.read_session(_mission(session), {**FORM, "seats": "1"})
        assert rejected.value.errors == {"seats": FieldError("number", {"low": 2, "high": 50})}
