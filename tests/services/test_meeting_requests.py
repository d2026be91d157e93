"""Meeting requests as plain functions, on SQLite and PostgreSQL, including concurrent clients."""

import datetime as dt
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import Meeting, MeetingRequest, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services import meeting_requests as requests
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()  # mails stay in the outbox


def _people(session: Session) -> dict[str, Participant]:
    return {p.key: p for p in session.scalars(select(Participant))}


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    document = small_mission()
    document["meeting_requests"], document["meetings"], document["agreements"], document["feedback"] = (
        [],
        [],
        [],
        [],
    )
    with transaction(session_factory) as session:
        import_mission(session, document)
    return session_factory


def test_send_then_accept_makes_a_draft_meeting(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(
            session, people["p-1"], people["p-3"], " Bonjour ", priority=3, mail=MAIL
        )
        meeting = requests.accept_request(session, request, people["p-3"], mail=MAIL)
        assert (request.status, request.message, meeting.status) == (
            RequestStatus.ACCEPTED,
            "Bonjour",
            MeetingStatus.DRAFT,
        )
        assert [p.key for p in meeting.participants] == ["p-1", "p-3"]


@pytest.mark.parametrize(
    ("sender", "recipient", "code"), [("p-1", "p-1", "self"), ("p-1", "p-2", "same_side")]
)
def test_refused_requests(factory: sessionmaker[Session], sender: str, recipient: str, code: str) -> None:
    with transaction(factory) as session:
        people = _people(session)
        with pytest.raises(requests.RequestRefused) as refused:
            requests.send_request(session, people[sender], people[recipient], mail=MAIL)
        assert refused.value.code == code


def test_only_the_recipient_answers_and_only_once(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="not_recipient"):
            requests.accept_request(session, request, people["p-1"], mail=MAIL)
        requests.decline_request(session, request, people["p-3"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="not_pending"):
            requests.accept_request(session, request, people["p-3"], mail=MAIL)
        # declined: the pair may try again
        assert (
            requests.send_request(session, people["p-3"], people["p-1"], mail=MAIL).status
            == RequestStatus.PENDING
        )


def test_pending_requests_expire(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(
            session, people["p-1"], people["p-3"], valid_for=dt.timedelta(hours=1), mail=MAIL
        )
        assert (
            requests.expire_pending(session, request.mission_id, at=clock.now() - dt.timedelta(days=1)) == 0
        )
        far_future = request.created_at + dt.timedelta(hours=2)
        assert requests.expire_pending(session, request.mission_id, at=far_future) == 1
        session.refresh(request)
        assert request.status == RequestStatus.EXPIRED


def test_accepting_after_expiry_is_refused(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(
            session, people["p-1"], people["p-3"], valid_for=dt.timedelta(seconds=-1), mail=MAIL
        )
        with pytest.raises(requests.RequestRefused, match="expired"):
            requests.accept_request(session, request, people["p-3"], mail=MAIL)


def _run_together(count: int, work) -> list[str]:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run() -> None:
        barrier.wait()
        try:
            outcomes.append(work())
        except requests.RequestRefused as refused:
            outcomes.append(refused.code)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_requests_for_one_pair_open_exactly_one(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        ids = {key: p.id for key, p in _people(session).items()}

    def send() -> str:
        with transaction(factory) as session:
            sender = session.get(Participant, ids["p-1"])
            requests.send_request(session, sender, session.get(Participant, ids["p-3"]), mail=MAIL)
        return "sent"

    assert Counter(_run_together(8, send)) == {"sent": 1, "duplicate": 7}
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(MeetingRequest)) == 1


def test_concurrent_accepts_create_exactly_one_meeting(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request_id = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL).id
        recipient_id = people["p-3"].id

    def accept() -> str:
        with transaction(factory) as session:
            request = session.get(MeetingRequest, request_id)
            requests.accept_request(session, request, session.get(Participant, recipient_id), mail=MAIL)
        return "accepted"

    assert Counter(_run_together(8, accept)) == {"accepted": 1, "not_pending": 7}
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 1
