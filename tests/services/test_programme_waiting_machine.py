"""Registrations, cancellations, capacity changes, waiting-list moves, promotions by hand, withdrawals and
their undo interleaved at random, on SQLite and PostgreSQL. After every step: no item has more registered
than places, nobody is both registered and waiting, positions are 1..n, a withdrawn participant holds no
place, the order of a list changes only by a move or an undo, and an item that nothing overlaps never keeps
a free place while someone waits."""

import itertools
import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Participant, ProgrammeItem
from missionmatch.services import programme_setup as setup
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.programme_promotion import promote
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.services.withdrawal import undo_withdrawal, withdraw
from tests.services.test_withdrawal import AT
from tests.services.waiting_helpers import MAIL, waiting_mission

PEOPLE = ["p-1", "p-2", "p-3", "p-4"]
ITEMS = ["visit-1", "morning", "afternoon", "quiet"]
ALONE = {"visit-1", "quiet"}  # nothing else happens at their time: a waiting person is never skipped
_missions = itertools.count()


class WaitingMachine(RuleBasedStateMachine):
    factory: sessionmaker[Session]

    @initialize(order=st.permutations(PEOPLE))
    def new_mission(self, order: list[str]) -> None:
        """A mission of its own for each example, every item full with a waiting list from the start."""
        document = waiting_mission()
        number = next(_missions)
        document["mission"].update(slug=f"waiting-{number}", name=f"Waiting mission {number}")
        with transaction(self.factory) as session:
            mission = import_mission(session, document)
            self.people = {p.key: p.id for p in mission.participants}
            self.items = {i.key: i.id for i in mission.programme_items}
            everyone = sorted(mission.participants, key=lambda p: order.index(p.key))
            for item in mission.programme_items:
                setup.register(session, item, everyone)
        self.lists = self._lists()
        self.reordered = False

    def _do(self, work) -> None:  # type: ignore[no-untyped-def]
        """One operation in one transaction; a refusal leaves nothing written."""
        try:
            with transaction(self.factory) as session:
                work(session)
        except SetupRejected:
            pass

    def _lists(self) -> dict[str, list[int]]:
        with self.factory() as session:
            return {
                key: [e.participant_id for e in waiting.entries(session, session.get(ProgrammeItem, item_id))]
                for key, item_id in self.items.items()
            }

    def _objects(self, session: Session, person: str, item: str) -> tuple[Participant, ProgrammeItem]:
        found = session.get(Participant, self.people[person])
        thing = session.get(ProgrammeItem, self.items[item])
        assert found is not None and thing is not None
        return found, thing

    @rule(who=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4), item=st.sampled_from(ITEMS))
    def register(self, who: list[str], item: str) -> None:
        def work(session: Session) -> None:
            chosen = [session.get(Participant, self.people[k]) for k in who]
            present = [p for p in chosen if p is not None and p.withdrawn_at is None]
            if present:
                setup.register(session, self._objects(session, who[0], item)[1], present)

        self._do(work)

    def _registered(self, session: Session, item: ProgrammeItem, pick: int) -> Participant | None:
        """One of the item's registered participants (the rules pick among those it concerns)."""
        ids = sorted(waiting.registered_ids(session, item))
        return session.get(Participant, ids[pick % len(ids)]) if ids else None

    def _waiting(self, session: Session, item: ProgrammeItem, pick: int) -> Participant | None:
        entries = waiting.entries(session, item)
        return entries[pick % len(entries)].participant if entries else None

    def _item(self, session: Session, key: str) -> ProgrammeItem:
        found = session.get(ProgrammeItem, self.items[key])
        assert found is not None
        return found

    @rule(item=st.sampled_from(ITEMS), pick=st.integers(0, 3))
    def cancel(self, item: str, pick: int) -> None:
        def work(session: Session) -> None:
            thing = self._item(session, item)
            person = self._registered(session, thing, pick)
            if person is not None:
                setup.unregister(session, MAIL, thing, person)

        self._do(work)

    @rule(item=st.sampled_from(ITEMS), pick=st.integers(0, 3))
    def leave(self, item: str, pick: int) -> None:
        def work(session: Session) -> None:
            thing = self._item(session, item)
            person = self._waiting(session, thing, pick)
            if person is not None:
                waiting.leave(session, thing, person)

        self._do(work)

    @rule(item=st.sampled_from(ITEMS), pick=st.integers(0, 3), position=st.integers(1, 5))
    def move(self, item: str, pick: int, position: int) -> None:
        def work(session: Session) -> None:
            thing = self._item(session, item)
            person = self._waiting(session, thing, pick)
            if person is not None:
                waiting.move(session, thing, person, position)

        self._do(work)
        self.reordered = True

    @rule(item=st.sampled_from(ITEMS), pick=st.integers(0, 3))
    def promote_by_hand(self, item: str, pick: int) -> None:
        def work(session: Session) -> None:
            thing = self._item(session, item)
            person = self._waiting(session, thing, pick)
            if person is not None:
                promote(session, MAIL, thing, person)

        self._do(work)

    @rule(item=st.sampled_from(ITEMS), capacity=st.one_of(st.none(), st.integers(1, 4)))
    def set_capacity(self, item: str, capacity: int | None) -> None:
        def work(session: Session) -> None:
            thing = session.get(ProgrammeItem, self.items[item])
            assert thing is not None
            form = {
                "kind": thing.kind.value,
                "title": thing.title,
                "starts_at": thing.starts_at.isoformat(),
                "ends_at": thing.ends_at.isoformat(),
                "capacity": "" if capacity is None else str(capacity),
            }
            setup.update_item(session, MAIL, thing, setup.read_item(thing.mission, form))

        self._do(work)

    @rule(person=st.sampled_from(PEOPLE))
    def withdraw(self, person: str) -> None:
        self._do(lambda s: withdraw(s, self._objects(s, person, ITEMS[0])[0], AT, mail=MAIL))

    @rule(person=st.sampled_from(PEOPLE))
    def undo(self, person: str) -> None:
        self._do(lambda s: undo_withdrawal(s, self._objects(s, person, ITEMS[0])[0], mail=MAIL))
        self.reordered = True

    @invariant()
    def places_hold(self) -> None:
        with self.factory() as session:
            for key, item_id in self.items.items():
                item = session.get(ProgrammeItem, item_id)
                assert item is not None
                registered = waiting.registered_ids(session, item)
                entries = waiting.entries(session, item)
                if item.capacity is not None:
                    assert len(registered) <= item.capacity, key
                assert not registered & {e.participant_id for e in entries}, key
                assert [e.position for e in entries] == list(range(1, len(entries) + 1)), key
                for person_id in registered | {e.participant_id for e in entries}:
                    person = session.get(Participant, person_id)
                    assert person is not None and person.withdrawn_at is None, (key, person_id)
                free = waiting.free_places(session, item)
                if key in ALONE and entries:
                    assert free == 0, key

    @invariant()
    def order_changes_only_by_a_move_or_an_undo(self) -> None:
        now = self._lists()
        if not self.reordered:
            for key, before in self.lists.items():
                kept = [i for i in now[key] if i in before]
                assert kept == [i for i in before if i in now[key]], key
        self.lists, self.reordered = now, False


@pytest.mark.slow
def test_interleaved_waiting_list_operations_never_exceed_a_capacity(
    session_factory: sessionmaker[Session],
) -> None:
    WaitingMachine.factory = session_factory
    machine = WaitingMachine.TestCase
    # fewer examples on PostgreSQL (a round trip a statement); the same rules run on both
    default = "12" if session_factory.kw["bind"].dialect.name == "sqlite" else "4"
    machine.settings = settings(
        max_examples=int(os.environ.get("MISSIONMATCH_MACHINE_EXAMPLES", default)),
        stateful_step_count=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    machine().runTest()
