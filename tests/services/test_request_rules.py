"""A mission's request rules in send_request, on SQLite and PostgreSQL: the request window (requests expire at
its close) and the most open or accepted requests a participant may have, concurrent senders included."""

import datetime as dt
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Mission, Participant
from missionmatch.models.enums import RequestStatus
from missionmatch.services import meeting_requests as requests
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()  # mails stay in the outbox
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    document = small_mission()
    for part in ("meeting_requests", "meetings", "agreements", "feedback"):
        document[part] = []
    with transaction(session_factory) as session:
        import_mission(session, document)
    return session_factory


def _people(session: Session) -> dict[str, Participant]:
    return {p.key: p for p in session.scalars(select(Participant))}


def _refusal(session: Session, sender: Participant, recipient: Participant) -> str:
    with pytest.raises(requests.RequestRefused) as refused:
        requests.send_request(session, sender, recipient, mail=MAIL)
    return refused.value.code


def test_no_request_before_the_window_opens_nor_once_it_has_closed(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        mission, people = session.scalars(select(Mission)).one(), _people(session)
        mission.requests_open_at = clock.now() + HOUR
        assert _refusal(session, people["p-1"], people["p-3"]) == "window_not_open"
        mission.requests_open_at, mission.requests_close_at = clock.now() - 2 * HOUR, clock.now() - HOUR
        assert _refusal(session, people["p-1"], people["p-3"]) == "window_closed"
        assert session.scalar(select(func.count()).select_from(MeetingRequest)) == 0


def test_within_the_window_a_request_expires_at_its_close(factory: sessionmaker[Session]) -> None:
    close = (clock.now() + dt.timedelta(days=30)).replace(microsecond=0)
    with transaction(factory) as session:
        mission, people = session.scalars(select(Mission)).one(), _people(session)
        mission.requests_open_at, mission.requests_close_at = clock.now() - HOUR, close
        request = requests.send_request(session, people["p-1"], people["p-3"], valid_for=HOUR, mail=MAIL)
    with factory() as session:
        assert session.get(MeetingRequest, request.id).expires_at == close


def test_without_a_window_a_request_expires_after_its_validity(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(session, people["p-1"], people["p-3"], valid_for=HOUR, mail=MAIL)
        assert request.expires_at == request.created_at + HOUR


def test_the_limit_counts_open_and_accepted_requests_only(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        mission, people = session.scalars(select(Mission)).one(), _people(session)
        mission.max_open_requests = 1
        first = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
        assert _refusal(session, people["p-1"], people["p-4"]) == "limit_reached"
        requests.send_request(session, people["p-2"], people["p-4"], mail=MAIL)  # another's count
        requests.accept_request(session, first, people["p-3"], mail=MAIL)
        assert _refusal(session, people["p-1"], people["p-4"]) == "limit_reached"  # accepted still counts
        first.status = RequestStatus.DECLINED
        session.flush()
        second = requests.send_request(session, people["p-1"], people["p-4"], mail=MAIL)
        assert requests.open_requests_of(session, people["p-1"]) == 1
        requests.cancel_request(session, second, people["p-1"])
        assert requests.open_requests_of(session, people["p-1"]) == 0


def test_a_request_past_its_expiry_frees_its_place(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        mission, people = session.scalars(select(Mission)).one(), _people(session)
        mission.max_open_requests = 1
        requests.send_request(session, people["p-1"], people["p-3"], valid_for=-HOUR, mail=MAIL)
        later = requests.send_request(session, people["p-1"], people["p-4"], mail=MAIL)
        assert later.status == RequestStatus.PENDING


def test_concurrent_senders_never_pass_the_limit(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.scalars(select(Mission)).one().max_open_requests = 1
        ids = {key: p.id for key, p in _people(session).items()}
    barrier, outcomes = threading.Barrier(2), []

    def send(recipient: str) -> None:
        barrier.wait()
        try:
            with transaction(factory) as session:
                sender = session.get(Participant, ids["p-1"])
                requests.send_request(session, sender, session.get(Participant, ids[recipient]), mail=MAIL)
            outcomes.append("sent")
        except requests.RequestRefused as refused:
            outcomes.append(refused.code)

    threads = [threading.Thread(target=send, args=(key,)) for key in ("p-3", "p-4")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"sent": 1, "limit_reached": 1}
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(MeetingRequest)) == 1
