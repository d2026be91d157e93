"""Programme items as plain functions: reading a form, capacity (also under concurrent clients), clashes."""

import datetime as dt
import threading
from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Participant, ProgrammeItem
from missionmatch.models.enums import ProgrammeKind
from missionmatch.services import programme_setup as setup
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.setup_fields import FieldError, SetupRejected
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()
FORM = {
    "kind": "company_visit",
    "title": "  Visit of the port  ",
    "sector": "",
    "host_organisation_id": "",
    "starts_at": "2025-05-30T09:00",
    "ends_at": "2025-05-30T10:30",
    "capacity": "",
}


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
    return sqlite_factory


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission)).one()


def _item(session: Session, key: str) -> ProgrammeItem:
    return session.scalars(select(ProgrammeItem).where(ProgrammeItem.key == key)).one()


def _people(session: Session) -> dict[str, Participant]:
    return {p.key: p for p in session.scalars(select(Participant))}


def test_read_item_trims_and_reads_every_field(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        fields = setup.read_item(_mission(session), FORM)
    assert (fields.kind, fields.title, fields.sector, fields.capacity, fields.starts_at, fields.ends_at) == (
        ProgrammeKind.COMPANY_VISIT,
        "Visit of the port",
        None,
        None,
        dt.datetime(2025, 5, 30, 9, 0),
        dt.datetime(2025, 5, 30, 10, 30),
    )


def test_read_item_names_every_wrong_field(factory: sessionmaker[Session]) -> None:
    wrong = {
        "kind": "",
        "title": "x" * 301,
        "starts_at": "2025-05-30T09:00+09:00",  # an offset: wall-clock times only
        "ends_at": "2025-06-01T00:00",  # midnight after the last day is still inside
        "capacity": "1.5",
        "host_organisation_id": "999",
    }
    with factory() as session, pytest.raises(SetupRejected) as rejected:
        setup.read_item(_mission(session), {**FORM, **wrong})
    assert rejected.value.errors == {
        "kind": FieldError("unknown_kind"),
        "title": FieldError("too_long", {"limit": 300}),
        "host_organisation_id": FieldError("unknown_host"),
        "starts_at": FieldError("moment"),
        "capacity": FieldError("number", {"low": 1, "high": 10_000}),
    }


def test_register_fills_the_places_then_the_waiting_list_and_skips_people_already_there(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        visit, people = _item(session, "visit-1"), _people(session)  # capacity 2, p-1 registered
        result = setup.register(session, visit, [people["p-1"], people["p-3"], people["p-2"]])
        assert [p.key for p in result.added] == ["p-3"]
        assert [(p.key, position) for p, position in result.waiting] == [("p-2", 1)]
        assert [p.key for p in visit.participants] == ["p-1", "p-3"]
        assert [i.key for i in people["p-3"].programme_items] == ["visit-1"]
        again = setup.register(session, visit, [people["p-2"], people["p-4"]])
        assert (again.added, [(p.key, n) for p, n in again.waiting]) == ([], [("p-4", 2)])
        assert [e.participant.key for e in waiting.entries(session, visit)] == ["p-2", "p-4"]
    with pytest.raises(SetupRejected) as rejected, factory() as session:
        setup.register(session, _item(session, "visit-1"), [])
    assert rejected.value.errors == {"participant_id": FieldError("no_participant", {})}


def test_capacity_cannot_drop_below_the_registered(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        forum = _item(session, "forum")
        fields = setup.read_item(_mission(session), {**FORM, "capacity": "1"})
        with pytest.raises(SetupRejected) as rejected:
            setup.update_item(session, MAIL, forum, fields)
        assert rejected.value.errors == {
            "capacity": FieldError("capacity_below_registered", {"registered": 2})
        }
        setup.update_item(session, MAIL, forum, setup.read_item(_mission(session), {**FORM, "capacity": "2"}))
        assert (forum.capacity, forum.title) == (2, "Visit of the port")


def test_clashes_list_registered_people_with_meetings_during_the_item(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        # m-1 (p-1, p-3, p-4) is published in slot 2 of b2b-1: 27 May 14:40-15:00
        item = setup.create_item(
            session,
            _mission(session),
            setup.read_item(
                _mission(session), {**FORM, "starts_at": "2025-05-27T14:50", "ends_at": "2025-05-27T16:00"}
            ),
        )
        people = _people(session)
        setup.register(session, item, [people["p-4"], people["p-2"], people["p-1"]])
        found = [(c.participant.key, c.meeting.key, c.starts_at) for c in setup.clashes(session, item)]
        assert found == [
            ("p-1", "m-1", dt.datetime(2025, 5, 27, 14, 40)),
            ("p-4", "m-1", dt.datetime(2025, 5, 27, 14, 40)),
        ]
        setup.unregister(session, MAIL, item, people["p-1"])
        assert [c.participant.key for c in setup.clashes(session, item)] == ["p-4"]


def test_deleting_an_item_frees_its_participants(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        setup.delete_item(session, _item(session, "forum"))
    with factory() as session:
        assert [i.key for i in _people(session)["p-2"].programme_items] == []
        assert [i.key for i in _people(session)["p-1"].programme_items] == ["visit-1"]


def test_concurrent_registrations_never_exceed_the_capacity(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with session_factory() as session:
        visit_id = _item(session, "visit-1").id  # capacity 2, one place left
        ids = [p.id for key, p in sorted(_people(session).items()) if key != "p-1"]
    barrier = threading.Barrier(len(ids))
    outcomes: list[str] = []

    def register(person_id: int) -> None:
        barrier.wait()
        with transaction(session_factory) as session:
            item = session.get(ProgrammeItem, visit_id)
            result = setup.register(session, item, [session.get(Participant, person_id)])
        outcomes.append("registered" if result.added else f"waiting {result.waiting[0][1]}")

    threads = [threading.Thread(target=register, args=(person_id,)) for person_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"registered": 1, "waiting 1": 1, "waiting 2": 1}
    with session_factory() as session:
        visit = session.get(ProgrammeItem, visit_id)
        assert len(visit.participants) == 2
        assert [e.position for e in waiting.entries(session, visit)] == [1, 2]
