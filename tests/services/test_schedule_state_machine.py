"""Operations interleaved at random, on SQLite and PostgreSQL: request (also bringing a colleague), accept,
decline, place by hand, move, change attendees, outcomes (held, no-show, cancelled and back), withdraw, erase,
schedule, replan, publish. After every step: nobody is in two occupying meetings of one slot, no table is used
twice nor holds more people than its seats, interpreter pools are within capacity, and each publication made
exactly one version; after a scheduler run every accepted request is in the schedule or listed unplaced with a
reason."""

import itertools
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission, Participant, ScheduleVersion
from missionmatch.models.enums import RequestStatus, Side
from missionmatch.services import company_requests as company
from missionmatch.services import meeting_requests as requests
from missionmatch.services import on_the_day
from missionmatch.services.interpreter_setup import canonical_pair
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.meeting_placement import move_meeting, place_request
from missionmatch.services.mission_import import import_mission
from missionmatch.services.personal_data import erase_participant
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.services.replanning import replan_mission, withdraw_participant
from missionmatch.services.schedule_publish import NothingToPublish, publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.settings import MailSettings
from tests.services.placement_helpers import placement_mission, with_pairs

MAIL = MailSettings()  # mails stay in the outbox

_missions = itertools.count()
REFUSALS = (PlacementRefused, requests.RequestRefused, NothingToPublish)


class ScheduleMachine(RuleBasedStateMachine):
    factory: sessionmaker[Session]

    @initialize()
    def new_mission(self) -> None:
        """Each example gets a mission of its own in the test's database (a database each would be slow)."""
        document = with_pairs(placement_mission(), 3)
        number = next(_missions)
        document["mission"].update(slug=f"machine-{number}", name=f"Machine mission {number}")
        with transaction(self.factory) as session:
            mission = import_mission(session, document)
            self.mission_id = mission.id
            self.people = {p.key: p.id for p in mission.participants}
            self.sides = {p.id: p.organisation.side for p in mission.participants}
        self.publications = 0

    # --- helpers -------------------------------------------------------------------------------------

    def _ids(self, model: type, **where: object) -> list[int]:
        with self.factory() as session:
            query = select(model.id).where(model.mission_id == self.mission_id)  # type: ignore[attr-defined]
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return sorted(session.scalars(query.order_by(model.id)))  # type: ignore[attr-defined]

    def _attempt(self, work) -> object:  # type: ignore[no-untyped-def]
        """One operation in one transaction; a refusal (the rules said no) leaves nothing written."""
        try:
            with transaction(self.factory) as session:
                return work(session)
        except PlacementRefused as refused:
            # one operation at a time here: the database's own refusal means a service forgot a check
            assert "conflict" not in [r.code for r in refused.refusals]
            return None
        except REFUSALS:
            return None

    # --- operations ----------------------------------------------------------------------------------

    @rule(data=st.data())
    def send_request(self, data: st.DataObject) -> None:
        delegates = sorted(i for i, side in self.sides.items() if side == Side.DELEGATION)
        hosts = sorted(i for i, side in self.sides.items() if side == Side.HOST)
        sender, recipient = data.draw(st.sampled_from(delegates)), data.draw(st.sampled_from(hosts))
        if data.draw(st.booleans()):
            sender, recipient = recipient, sender
        self._attempt(
            lambda s: requests.send_request(
                s, s.get(Participant, sender), s.get(Participant, recipient), mail=MAIL
            )
        )

    @rule(data=st.data())
    def send_company_request(self, data: st.DataObject) -> None:
        """A delegate of LuxSat brings a colleague to one of Kansai Orbital: a meeting of three."""
        sender, colleague = data.draw(st.permutations([self.people["p-1"], self.people["p-6"]]))
        recipient = data.draw(st.sampled_from([self.people[k] for k in ("p-3", "p-4", "p-5")]))
        self._attempt(
            lambda s: company.send_with_attendees(
                s,
                s.get(Participant, sender),
                s.get(Participant, recipient),
                colleagues=[s.get(Participant, colleague)],
                mail=MAIL,
            )
        )

    @rule(data=st.data())
    def change_the_attendees(self, data: st.DataObject) -> None:
        meetings = self._ids(Meeting)
        if not meetings:
            return
        meeting_id = data.draw(st.sampled_from(meetings))
        chosen = data.draw(st.sets(st.sampled_from(sorted(self.people.values())), min_size=2, max_size=5))

        def work(session: Session) -> object:
            people = [session.get(Participant, i) for i in sorted(chosen)]
            return change_attendees(session, session.get(Meeting, meeting_id), people)

        self._attempt(work)

    @rule(data=st.data(), accept=st.booleans())
    def answer_request(self, data: st.DataObject, accept: bool) -> None:
        pending = self._ids(MeetingRequest, status=RequestStatus.PENDING)
        if not pending:
            return
        request_id = data.draw(st.sampled_from(pending))
        answer = requests.accept_request if accept else requests.decline_request

        def work(session: Session) -> object:
            request = session.get(MeetingRequest, request_id)
            return answer(session, request, request.recipient, mail=MAIL)

        self._attempt(work)

    @rule(data=st.data(), slot=st.integers(0, 5), table=st.sampled_from([None, 0, 1]))
    def place_by_hand(self, data: st.DataObject, slot: int, table: int | None) -> None:
        accepted = self._ids(MeetingRequest, status=RequestStatus.ACCEPTED)
        if not accepted:
            return
        request_id = data.draw(st.sampled_from(accepted))

        def work(session: Session) -> object:
            b2b = session.scalar(select(B2BSession).where(B2BSession.mission_id == self.mission_id))
            return place_request(session, session.get(MeetingRequest, request_id), b2b, slot, table)

        self._attempt(work)

    @rule(data=st.data(), slot=st.integers(0, 5), table=st.sampled_from([None, 0, 1]))
    def move(self, data: st.DataObject, slot: int, table: int | None) -> None:
        meetings = self._ids(Meeting)
        if not meetings:
            return
        meeting_id = data.draw(st.sampled_from(meetings))

        def work(session: Session) -> object:
            meeting = session.get(Meeting, meeting_id)
            b2b = session.scalar(select(B2BSession).where(B2BSession.mission_id == self.mission_id))
            return move_meeting(session, meeting, b2b, slot, table)

        self._attempt(work)

    @rule(data=st.data(), outcome=st.sampled_from(sorted(on_the_day.OUTCOMES)))
    def record_outcome(self, data: st.DataObject, outcome: str) -> None:
        meetings = self._ids(Meeting)
        if not meetings:
            return
        meeting_id = data.draw(st.sampled_from(meetings))
        self._attempt(lambda s: on_the_day.record_outcome(s, s.get(Meeting, meeting_id), outcome))

    @rule(data=st.data(), erase=st.booleans())
    def withdraw_or_erase(self, data: st.DataObject, erase: bool) -> None:
        person = data.draw(st.sampled_from(sorted(self.people.values())))
        action = erase_participant if erase else withdraw_participant
        self._attempt(lambda s: action(s, s.get(Participant, person)))

    @rule()
    def schedule(self) -> None:
        report = run_scheduling(self.factory, self.mission_id, time_limit=1, workers=1)
        with self.factory() as session:
            mission = session.get(Mission, self.mission_id)
            assert mission is not None
            met = [{p.id for p in m.participants} for m in mission.meetings if m.occupies]
            for request in mission.meeting_requests:
                if request.status != RequestStatus.ACCEPTED:
                    continue
                pair = {request.requester_id, request.recipient_id}
                in_schedule = any(pair <= people for people in met)
                assert in_schedule or report.unplaced.get(request.key), request.key

    @rule()
    def replan(self) -> None:
        # nothing else runs meanwhile, so it is never refused for a change made during its solve
        replan_mission(self.factory, self.mission_id, time_limit=1)

    @rule()
    def publish(self) -> None:
        if (
            self._attempt(lambda s: publish_schedule(s, s.get(Mission, self.mission_id), mail=MAIL))
            is not None
        ):
            self.publications += 1

    # --- invariants ----------------------------------------------------------------------------------

    @invariant()
    def nobody_and_no_table_twice_and_interpreters_within_pools(self) -> None:
        if not hasattr(self, "mission_id"):
            return
        with self.factory() as session:
            mission = session.get(Mission, self.mission_id)
            assert mission is not None
            placed = [m for m in mission.meetings if m.occupies]
            seats = Counter((m.session_id, m.slot, m.table) for m in placed if m.table is not None)
            assert [seat for seat, n in seats.items() if n > 1] == []
            busy = Counter((p.id, m.session_id, m.slot) for m in placed for p in m.participants)
            assert [m.key for m in placed if m.session and len(m.participants) > m.session.seats] == []
            assert [who for who, n in busy.items() if n > 1] == []
            pools = {
                (b2b.id, canonical_pair(pool.language_a, pool.language_b)): pool.count
                for b2b in mission.b2b_sessions
                for pool in b2b.interpreters
            }
            needed = Counter(
                (m.session_id, m.slot, canonical_pair(*m.interpreter.split("-")))
                for m in placed
                if m.interpreter
            )
            for (b2b, _, pair), count in needed.items():
                assert count <= pools.get((b2b, pair), 0)

    @invariant()
    def each_publication_is_one_version(self) -> None:
        if not hasattr(self, "mission_id"):
            return
        with self.factory() as session:
            numbers = list(
                session.scalars(
                    select(ScheduleVersion.number)
                    .where(ScheduleVersion.mission_id == self.mission_id)
                    .order_by(ScheduleVersion.number)
                )
            )
        assert numbers == list(range(1, self.publications + 1))


@pytest.mark.slow
def test_interleaved_schedule_operations_never_double_book(session_factory: sessionmaker[Session]) -> None:
    ScheduleMachine.factory = session_factory
    machine = ScheduleMachine.TestCase
    machine.settings = settings(
        max_examples=int(os.environ.get("MISSIONMATCH_MACHINE_EXAMPLES", "12")),
        stateful_step_count=14,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    machine().runTest()
