"""A withdrawal gives the participant's programme places to the waiting lists; its undo takes them back only
where a place is still free (else first on the waiting list); concurrent cancellations never promote past
the capacity (SQLite and PostgreSQL, two sessions at once)."""

import threading

import pytest
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import OutboxMail, Participant, ProgrammeItem
from missionmatch.services import programme_setup as setup
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.withdrawal import undo_withdrawal, withdraw, withdrawal_plan
from tests.services.test_withdrawal import AT
from tests.services.waiting_helpers import (
    MAIL,
    item,
    people,
    person,
    registered,
    waiting_keys,
    waiting_mission,
)


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, waiting_mission())
    return sqlite_factory


def test_a_withdrawal_promotes_and_its_undo_never_exceeds_the_capacity(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        setup.register(session, item(session, "visit-1"), people(session, "p-2", "p-3"))  # full; Yamada waits
        plan = withdrawal_plan(session, person(session, "p-1"))
        assert sorted(i.key for i in plan.programme) == ["forum", "visit-1"]
    with transaction(factory) as session:
        plan = withdraw(session, person(session, "p-1"), AT, mail=MAIL)
        assert [(i.key, p.key) for i, p in plan.promotions.promoted] == [("visit-1", "p-3")]
        assert [m.recipient for m in plan.promotions.mails] == ["yamada@orbital.example.jp"]
    with factory() as session:
        assert (registered(session, "visit-1"), registered(session, "forum")) == (["p-2", "p-3"], ["p-2"])
    with transaction(factory) as session:
        report = undo_withdrawal(session, person(session, "p-1"), mail=MAIL)
        assert [i.key for i in report.programme.registered] == ["forum"]  # 200 places: still free
        assert [(i.key, n) for i, n in report.programme.waiting] == [("visit-1", 1)]  # taken meanwhile
    with factory() as session:
        visit = item(session, "visit-1")
        assert len(waiting.registered_ids(session, visit)) == visit.capacity == 2
        assert (registered(session, "visit-1"), waiting_keys(session, "visit-1")) == (["p-2", "p-3"], ["p-1"])
        assert registered(session, "forum") == ["p-1", "p-2"]


def test_a_waiting_participant_who_withdraws_leaves_the_list_and_comes_back_in_their_place(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        setup.register(session, item(session, "quiet"), people(session, "p-2", "p-3", "p-4", "p-1"))
        plan = withdraw(session, person(session, "p-4"), AT, mail=MAIL)
        assert ([i.key for i in plan.waiting], plan.promotions.promoted) == (["quiet"], [])
        assert waiting_keys(session, "quiet") == ["p-3", "p-1"]
    with transaction(factory) as session:
        report = undo_withdrawal(session, person(session, "p-4"), mail=MAIL)
        assert [(i.key, n) for i, n in report.programme.waiting] == [("quiet", 2)]
        assert waiting_keys(session, "quiet") == ["p-3", "p-4", "p-1"]
    with transaction(factory) as session:  # while Anne is away a place frees: her undo takes it
        withdraw(session, person(session, "p-1"), AT, mail=MAIL)
        setup.unregister(session, MAIL, item(session, "quiet"), person(session, "p-2"))  # Yamada, then Sato
        assert waiting_keys(session, "quiet") == ["p-4"]
        setup.unregister(session, MAIL, item(session, "quiet"), person(session, "p-3"))
        assert (registered(session, "quiet"), waiting_keys(session, "quiet")) == (["p-4"], [])
        setup.unregister(session, MAIL, item(session, "quiet"), person(session, "p-4"))
    with transaction(factory) as session:
        report = undo_withdrawal(session, person(session, "p-1"), mail=MAIL)
        assert ([i.key for i in report.programme.registered], report.programme.waiting) == (
            ["forum", "visit-1", "quiet"],
            [],
        )
        assert [m.recipient for m in report.programme.promotions.mails] == ["anne.muller@luxsat.example.lu"]
        assert registered(session, "quiet") == ["p-1"]


def test_concurrent_cancellations_never_promote_past_the_capacity(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as session:
        import_mission(session, waiting_mission())
        visit = item(session, "visit-1")  # 2 places: Anne and Jonas; Yamada and Sato wait
        setup.register(session, visit, people(session, "p-2", "p-3", "p-4"))
        visit_id, leaving = visit.id, [person(session, "p-1").id, person(session, "p-2").id]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def cancel(person_id: int) -> None:
        barrier.wait()
        try:
            with transaction(session_factory) as session:
                found = session.get(ProgrammeItem, visit_id)
                setup.unregister(session, MAIL, found, session.get(Participant, person_id))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=cancel, args=(person_id,)) for person_id in leaving]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with session_factory() as session:
        assert (registered(session, "visit-1"), waiting_keys(session, "visit-1")) == (["p-3", "p-4"], [])
        assert sorted(session.query(OutboxMail.recipient)) == [
            ("sato@orbital.example.jp",),
            ("yamada@orbital.example.jp",),
        ]
