"""Company meetings from requests: bring a colleague, address an organisation, name who comes on accepting;
on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Organisation, Participant
from missionmatch.models.enums import RequestStatus
from missionmatch.services import company_requests as company
from missionmatch.services import meeting_requests as requests
from missionmatch.services.mission_export import export_mission
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.services.placement_helpers import placement_mission

MAIL = MailSettings()  # mails stay in the outbox


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    document = placement_mission()
    for part in ("meeting_requests", "meetings", "agreements", "feedback"):
        document[part] = []
    with transaction(session_factory) as session:
        import_mission(session, document)
    return session_factory


def _people(session: Session) -> dict[str, Participant]:
    return {p.key: p for p in session.scalars(select(Participant))}


def _organisation(session: Session, key: str) -> Organisation:
    found = session.scalar(select(Organisation).where(Organisation.key == key))
    assert found is not None
    return found


def test_a_requester_brings_a_colleague_and_the_recipient_names_theirs(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = company.send_with_attendees(
            session, people["p-1"], people["p-3"], colleagues=[people["p-6"]], mail=MAIL
        )
        assert [p.key for p in request.attendees] == ["p-1", "p-3", "p-6"]
        meeting = company.accept_with_attendees(
            session, request, people["p-3"], [people["p-3"], people["p-4"]], mail=MAIL
        )
        assert request.status == RequestStatus.ACCEPTED
        assert [p.key for p in meeting.participants] == ["p-1", "p-3", "p-4", "p-6"]
    with transaction(factory) as session:  # stored, and exported for a lossless round trip
        stored = session.scalar(select(MeetingRequest))
        assert stored is not None
        assert sorted(p.key for p in stored.companions) == ["p-4", "p-6"]
        document = export_mission(session, stored.mission)
        assert document["meeting_requests"][0]["attendees"] == ["p-4", "p-6"]


def test_a_request_to_an_organisation_is_answered_by_whichever_representative_accepts(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = company.send_with_attendees(
            session, people["p-2"], _organisation(session, "jp-orbital"), mail=MAIL
        )
        assert (request.to_organisation, request.recipient.key) == (True, "p-3")  # the first registered
        # every representative sees it among the requests received
        assert request in requests.inbox(session, people["p-5"]).incoming
        assert request not in requests.inbox(session, people["p-1"]).incoming
        meeting = company.accept_with_attendees(session, request, people["p-5"], mail=MAIL)
        assert request.recipient.key == "p-5"
        assert [p.key for p in meeting.participants] == ["p-2", "p-5"]
        with pytest.raises(requests.RequestRefused, match="not_pending"):
            requests.decline_request(session, request, people["p-3"], mail=MAIL)


def test_a_request_to_a_person_is_answered_by_that_person_only_who_always_comes(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = company.send_with_attendees(session, people["p-1"], people["p-3"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="not_recipient"):
            company.accept_with_attendees(session, request, people["p-4"], mail=MAIL)
        meeting = company.accept_with_attendees(session, request, people["p-3"], [people["p-5"]], mail=MAIL)
        assert [p.key for p in meeting.participants] == ["p-1", "p-3", "p-5"]


@pytest.mark.parametrize(
    ("colleague", "named", "code"),
    [("p-2", None, "colleague_outside"), (None, "p-6", "attendee_outside")],
)
def test_attendees_from_another_organisation_are_refused_and_nothing_is_written(
    factory: sessionmaker[Session], colleague: str | None, named: str | None, code: str
) -> None:
    with factory() as session:
        people = _people(session)
        with pytest.raises(requests.RequestRefused, match=code):
            colleagues = [people[colleague]] if colleague else []
            request = company.send_with_attendees(
                session, people["p-1"], people["p-3"], colleagues=colleagues, mail=MAIL
            )
            company.accept_with_attendees(session, request, people["p-3"], [people[str(named)]], mail=MAIL)
        session.rollback()
        if colleague:
            assert session.scalar(select(MeetingRequest)) is None
