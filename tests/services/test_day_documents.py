"""The organiser's papers for one B2B session: grid, door lists and check-in list, from the published
schedule by default and from the draft on request (SQLite and PostgreSQL)."""

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, InterpreterPool, Meeting, Participant
from missionmatch.services.day_documents import (
    NO_TABLE,
    SLOT_OUTSIDE,
    TABLE_OUTSIDE,
    Attendee,
    CheckIn,
    DoorEntry,
    OffPlan,
    Seat,
    day_documents,
)
from missionmatch.services.interpreter_rota import RotaEntry, interpreter_rota
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission

ANNE = Attendee("p-1", "Anne Muller", "LuxSat Services", "delegation")
JONAS = Attendee("p-2", "Jonas Weber", "Santé Data Lux", "delegation")
YAMADA = Attendee("p-3", "太郎 山田", "Kansai Orbital KK", "host")
SATO = Attendee("p-4", "Hanako Sato", "Kansai Orbital KK", "host")


def day_mission() -> dict:
    """m-1 published (slot 2, table 2), a draft at slot 4 table 1 and a cancelled one at slot 0 table 1."""
    document = small_mission()
    document["agreements"] = document["feedback"] = []
    for key, people, slot, table, status in [
        ("m-draft", ["p-2", "p-4"], 4, 0, "draft"),
        ("m-off", ["p-2", "p-3"], 0, 0, "cancelled"),
    ]:
        document["meetings"].append(
            {
                "key": key,
                "participants": people,
                "request": None,
                "session": "b2b-1",
                "slot": slot,
                "table": table,
                "interpreter": None,
                "status": status,
            }
        )
    return document


def _imported(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        import_mission(session, day_mission())


def _session(db: Session) -> B2BSession:
    return db.scalars(select(B2BSession).where(B2BSession.key == "b2b-1")).one()


def test_the_published_grid_has_every_slot_with_real_times_and_the_meeting_at_its_table(
    session_factory: sessionmaker[Session],
) -> None:
    _imported(session_factory)
    with session_factory() as db:
        documents = day_documents(db, _session(db))
    assert [row.time for row in documents.grid] == [
        "14:00–14:20",
        "14:20–14:40",
        "14:40–15:00",
        "15:20–15:40",  # after the 20-minute break
        "15:40–16:00",
        "16:00–16:20",
    ]
    assert documents.grid[3].starts_at == dt.datetime(2025, 5, 27, 15, 20)
    assert [row.seats for row in documents.grid] == [
        (None, None, None, None),
        (None, None, None, None),
        (None, Seat("m-1", (ANNE, YAMADA, SATO), "fr-ja"), None, None),
        (None, None, None, None),
        (None, None, None, None),  # the draft is not published
        (None, None, None, None),
    ]
    assert documents.doors == (
        (),
        (DoorEntry("14:40–15:00", (ANNE,), (YAMADA, SATO), "fr-ja"),),
        (),
        (),
    )
    assert documents.check_in == (
        CheckIn(ANNE, "14:40", 2, 1),
        CheckIn(SATO, "14:40", 2, 1),
        CheckIn(YAMADA, "14:40", 2, 1),
    )


def test_the_draft_adds_draft_meetings_and_never_cancelled_ones(
    session_factory: sessionmaker[Session],
) -> None:
    _imported(session_factory)
    with session_factory() as db:
        documents = day_documents(db, _session(db), draft=True)
    assert documents.draft is True
    assert [row.seats[0] for row in documents.grid] == [
        None,  # the cancelled meeting frees table 1
        None,
        None,
        None,
        Seat("m-draft", (JONAS, SATO), ""),
        None,
    ]
    assert documents.doors[0] == (DoorEntry("15:40–16:00", (JONAS,), (SATO,), ""),)
    assert documents.check_in == (
        CheckIn(ANNE, "14:40", 2, 1),
        CheckIn(SATO, "14:40", 2, 2),
        CheckIn(JONAS, "15:40", 1, 1),
        CheckIn(YAMADA, "14:40", 2, 1),
    )


def test_table_cards_name_the_hosts_who_keep_each_table(session_factory: sessionmaker[Session]) -> None:
    _imported(session_factory)
    with transaction(session_factory) as db:
        db.scalars(select(Participant).where(Participant.key == "p-2")).one().hosted_table = 4
    with session_factory() as db:
        documents = day_documents(db, _session(db))
    assert documents.keepers == ((), (SATO, YAMADA), (), (JONAS,))  # hosted_table is 1-based


def test_the_rota_sends_interpreters_to_tables_and_flags_a_missing_pool(
    session_factory: sessionmaker[Session],
) -> None:
    _imported(session_factory)
    with session_factory() as db:
        rota = interpreter_rota(day_documents(db, _session(db), draft=True))
    assert rota == (RotaEntry("14:40–15:00", "fr-ja", (2,), 1),)
    assert rota[0].short is False
    with transaction(session_factory) as db:
        db.execute(delete(InterpreterPool))
    with session_factory() as db:
        (entry,) = interpreter_rota(day_documents(db, _session(db)))
    assert (entry.available, entry.short) == (0, True)


def _off_plan_setup(factory: sessionmaker[Session]) -> dict[str, int]:
    """m-1 loses its table; the session shrinks to 4 slots, leaving the draft (slot 5) beyond it."""
    _imported(factory)
    with transaction(factory) as db:
        meetings = {m.key: m for m in db.scalars(select(Meeting))}
        meetings["m-1"].table = None
        _session(db).slot_count = 4
        return {key: m.id for key, m in meetings.items()}


def test_meetings_without_a_cell_in_the_grid_are_listed_apart(
    session_factory: sessionmaker[Session],
) -> None:
    ids = _off_plan_setup(session_factory)
    with session_factory() as db:
        documents = day_documents(db, _session(db), draft=True)
        rota = interpreter_rota(documents)
    assert documents.off_plan == (
        OffPlan(
            ids["m-1"], "m-1", "published", (ANNE, YAMADA, SATO), "fr-ja", 2, None, "14:40–15:00", NO_TABLE
        ),
        OffPlan(ids["m-draft"], "m-draft", "draft", (JONAS, SATO), "", 4, 0, "", SLOT_OUTSIDE),
    )
    assert all(seat is None for row in documents.grid for seat in row.seats)
    assert (len(documents.grid), documents.doors) == (4, ((), (), (), ()))
    # m-1 has a slot but no table: its people are still expected at the desk, and need their interpreter
    assert documents.check_in == (
        CheckIn(ANNE, "14:40", None, 1),
        CheckIn(SATO, "14:40", None, 1),
        CheckIn(YAMADA, "14:40", None, 1),
    )
    assert rota == (RotaEntry("14:40–15:00", "fr-ja", (), 1, untabled=1),)


def test_a_table_beyond_a_shrunk_session_is_listed_apart(session_factory: sessionmaker[Session]) -> None:
    _imported(session_factory)
    with transaction(session_factory) as db:
        _session(db).tables = 1
    with session_factory() as db:
        documents = day_documents(db, _session(db))
    (meeting,) = documents.off_plan
    assert (meeting.meeting_key, meeting.table, meeting.time, meeting.reason) == (
        "m-1",
        1,
        "14:40–15:00",
        TABLE_OUTSIDE,
    )
    assert documents.grid[2].seats == (None,)
