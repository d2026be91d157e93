"""The schedule lock on SQLite and PostgreSQL: a second holder waits for the first to commit, and reads what
it committed."""

import threading
import time

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission
from missionmatch.services.mission_import import import_mission
from missionmatch.services.row_locks import lock_rows, lock_schedule
from tests.factories import small_mission


def _mission(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        return import_mission(session, small_mission()).id


def test_a_second_holder_waits_for_the_first_to_commit(session_factory):
    mission_id = _mission(session_factory)
    events: list[str] = []
    first_holds = threading.Event()

    def second() -> None:
        first_holds.wait()
        with transaction(session_factory) as session:
            lock_schedule(session, mission_id)
            events.append("second holds")

    thread = threading.Thread(target=second)
    thread.start()
    with transaction(session_factory) as session:
        lock_schedule(session, mission_id)
        first_holds.set()
        time.sleep(0.3)  # room for the second to overtake, were the lock not held
        events.append("first commits")
    thread.join()
    assert events == ["first commits", "second holds"]


def test_the_lock_reads_afresh_what_the_previous_holder_committed(session_factory):
    mission_id = _mission(session_factory)
    with session_factory() as reader:
        mission = reader.get(Mission, mission_id)
        assert mission is not None
        before = mission.name
        reader.commit()  # objects stay loaded (expire_on_commit=False); no snapshot held across the write
        with transaction(session_factory) as writer:
            renamed = writer.get(Mission, mission_id)
            assert renamed is not None
            renamed.name = "Renamed mission"
        assert mission.name == before  # still the identity map's copy until the lock
        lock_schedule(reader, mission_id)
        assert mission.name == "Renamed mission"
        reader.rollback()


def test_pending_changes_are_flushed_before_the_lock(session_factory):
    mission_id = _mission(session_factory)
    with session_factory() as session:
        mission = session.get(Mission, mission_id)
        assert mission is not None
        mission.description = "changed before the lock"
        lock_schedule(session, mission_id)
        # expire_all would have thrown an unflushed change away
        assert mission.description == "changed before the lock"
        session.rollback()


def test_no_ids_no_statement(sqlite_factory):
    statements: list[str] = []
    with sqlite_factory() as session:
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        lock_rows(session, Mission.id, [])
        assert statements == []
        lock_rows(session, Mission.id, [3, 1, 3])
        # one no-op write per distinct row, in id order (SQLite takes its write lock on the first)
        assert [s.split()[0] for s in statements] == ["UPDATE", "UPDATE"]
        session.rollback()
