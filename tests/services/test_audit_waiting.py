"""The audit log records the waiting lists: joins, moves, leaves and promotions (written partly by bulk
statements that no flush sees), with who acted and each position before and after (visit-1: 2 places, Anne
registered)."""

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import AuditEntry
from missionmatch.models.audit_actor import Actor, set_session_actor
from missionmatch.services import programme_setup as setup
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.programme_promotion import promote
from tests.services.waiting_helpers import MAIL, item, people, person, waiting_mission

ORGANISER = Actor("organiser", 7, "orga@a.lu")


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, waiting_mission())
    return session_factory


def _named(keys: dict[int, str], name: str, value: Any) -> Any:
    if isinstance(value, list):
        return [keys[i] for i in value]
    return keys.get(value, value) if name == "participant_id" else value


def _entries(session: Session, since: int) -> list[tuple[Any, ...]]:
    """(actor, operation, entity, change, about, changes) of the entries after id `since`, as keys."""
    keys = {p.id: p.key for p in people(session, "p-1", "p-2", "p-3", "p-4")}
    found = session.scalars(select(AuditEntry).where(AuditEntry.id > since).order_by(AuditEntry.id))
    rows = []
    for e in found:
        about = [keys[int(i)] for i in e.about.strip(",").split(",") if i]
        changes = {
            name: [_named(keys, name, value) for value in pair]
            for name, pair in e.changes.items()
            if name not in ("joined_at", "programme_item_id")
        }
        rows.append((e.actor_kind, e.operation, e.entity, e.change, about, changes))
    return rows


def _last(session: Session) -> int:
    return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0


def test_joins_moves_promotions_and_leaves_are_in_the_log(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        set_session_actor(session, ORGANISER)
        since = _last(session)
        visit = item(session, "visit-1")
        setup.register(session, visit, people(session, "p-2", "p-3", "p-4"))
        assert _entries(session, since) == [
            ("organiser", "", "programme_item", "updated", ["p-2"], {"registered": [[], ["p-2"]]}),
            ("organiser", "join_waiting_list", "programme_waiting", "created", ["p-3"],
             {"participant_id": [None, "p-3"], "position": [None, 1]}),
            ("organiser", "join_waiting_list", "programme_waiting", "created", ["p-4"],
             {"participant_id": [None, "p-4"], "position": [None, 2]}),
        ]  # fmt: skip
        since = _last(session)
        waiting.move(session, visit, person(session, "p-4"), 1)
        assert sorted(_entries(session, since), key=lambda row: row[4]) == [
            ("organiser", "move_waiting_list", "programme_waiting", "updated", ["p-3"], {"position": [1, 2]}),
            ("organiser", "move_waiting_list", "programme_waiting", "updated", ["p-4"], {"position": [2, 1]}),
        ]
        since = _last(session)
        setup.unregister(session, MAIL, visit, person(session, "p-1"))
        assert _entries(session, since) == [
            ("organiser", "", "programme_item", "updated", ["p-1"], {"registered": [["p-1"], []]}),
            ("organiser", "promote_waiting", "programme_waiting", "deleted", ["p-4"],
             {"participant_id": ["p-4", None], "position": [1, None]}),
            ("organiser", "promote_waiting", "programme_waiting", "updated", ["p-3"], {"position": [2, 1]}),
            ("organiser", "promote_waiting", "programme_item", "updated", ["p-4"],
             {"registered": [[], ["p-4"]]}),
        ]  # fmt: skip
        since = _last(session)
        waiting.leave(session, visit, person(session, "p-3"))
        assert _entries(session, since) == [
            ("organiser", "leave_waiting_list", "programme_waiting", "deleted", ["p-3"],
             {"participant_id": ["p-3", None], "position": [1, None]}),
        ]  # fmt: skip
        waits = select(AuditEntry.entity_id).where(AuditEntry.entity == "programme_waiting")
        assert set(session.scalars(waits)) == {visit.id}  # the item's list


def test_a_promotion_by_hand_is_one_operation(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        visit = item(session, "visit-1")
        visit.capacity = 1
        setup.register(session, visit, people(session, "p-2"))
        visit.capacity = 2
        session.flush()
        since = _last(session)
        promote(session, MAIL, visit, person(session, "p-2"))
        assert _entries(session, since) == [
            ("system", "promote_waiting", "programme_waiting", "deleted", ["p-2"],
             {"participant_id": ["p-2", None], "position": [1, None]}),
            ("system", "promote_waiting", "programme_item", "updated", ["p-2"],
             {"registered": [[], ["p-2"]]}),
        ]  # fmt: skip
        batches = {e.batch for e in session.scalars(select(AuditEntry).where(AuditEntry.id > since))}
        assert len(batches) == 1
