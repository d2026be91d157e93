"""Organisers' approval of meeting requests, and requesters told of every answer, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Mission, OutboxMail, Participant
from missionmatch.models.enums import RequestStatus
from missionmatch.services import meeting_requests as requests
from missionmatch.services import request_approval as approval
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()  # mails stay in the outbox
DAY = dt.timedelta(days=1)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    document = small_mission(requests_need_approval=True)
    for part in ("meeting_requests", "meetings", "agreements", "feedback"):
        document[part] = []
    with transaction(session_factory) as session:
        import_mission(session, document)
        import_mission(session, small_mission(name="Other mission", slug="other"))
    return session_factory


def _people(session: Session) -> dict[str, Participant]:
    query = select(Participant).join(Mission).where(Mission.slug == "test-osaka")
    return {p.key: p for p in session.scalars(query)}


def _mails(session: Session) -> list[tuple[str, str]]:
    return [(m.recipient, m.subject) for m in session.scalars(select(OutboxMail).order_by(OutboxMail.id))]


def test_a_request_awaits_approval_unseen_and_unmailed_then_reaches_its_recipient(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(session, people["p-1"], people["p-3"], valid_for=DAY, mail=MAIL)
        assert (request.status, request.expires_at, request.reached_recipient) == (
            RequestStatus.AWAITING_APPROVAL,
            None,
            False,
        )
        assert requests.inbox(session, people["p-3"]).incoming == []
        assert requests.inbox(session, people["p-1"]).outgoing == [request]
        assert _mails(session) == []
        approval.approve_request(session, request, DAY, mail=MAIL)
        assert request.status == RequestStatus.PENDING
        assert clock.now() + DAY - dt.timedelta(minutes=1) < request.expires_at <= clock.now() + DAY
        assert requests.inbox(session, people["p-3"]).incoming == [request]
        assert _mails(session) == [
            (people["p-3"].email, f"{people['p-1'].full_name} さんから面談の申し込みがあります")
        ]


def test_a_rejection_needs_a_reason_and_tells_the_requester(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(session, people["p-2"], people["p-3"], mail=MAIL)
        for reason, code in (("  ", "reason_required"), ("x" * 1001, "reason_too_long")):
            with pytest.raises(requests.RequestRefused, match=code):
                approval.reject_request(session, request, reason, mail=MAIL)
        approval.reject_request(session, request, " Not this week ", mail=MAIL)
        assert (request.status, request.rejection_reason) == (RequestStatus.REJECTED, "Not this week")
        mail = session.scalars(select(OutboxMail)).one()
        assert (mail.recipient, mail.subject) == (
            people["p-2"].email,
            f"Your meeting request to {people['p-3'].full_name} was not approved",
        )
        assert "Their reason: Not this week\n" in mail.body
        assert requests.inbox(session, people["p-3"]).incoming == []
        with pytest.raises(requests.RequestRefused, match="not_pending"):
            approval.approve_request(session, request, mail=MAIL)


def test_bulk_approval_skips_what_no_longer_awaits_and_other_missions(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        mission = people["p-1"].mission
        first = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
        second = requests.send_request(session, people["p-2"], people["p-4"], mail=MAIL)
        rejected = requests.send_request(session, people["p-1"], people["p-4"], mail=MAIL)
        approval.reject_request(session, rejected, "No", mail=MAIL)
        elsewhere = session.scalars(
            select(MeetingRequest).join(Mission).where(Mission.slug == "other", MeetingRequest.key == "r-2")
        ).one()
        ids = [first.id, second.id, rejected.id, elsewhere.id]
        assert approval.approve_requests(session, mission, ids, mail=MAIL) == approval.BulkApproval(2, 2)
        assert [r.status for r in (first, second, rejected)] == [
            RequestStatus.PENDING,
            RequestStatus.PENDING,
            RequestStatus.REJECTED,
        ]
        assert elsewhere.status == RequestStatus.PENDING  # untouched: the other mission's own r-2


def test_no_approval_once_the_window_has_closed(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
        people["p-1"].mission.requests_close_at = clock.now() - dt.timedelta(minutes=1)
        with pytest.raises(requests.RequestRefused, match="window_closed"):
            approval.approve_request(session, request, mail=MAIL)
        assert request.status == RequestStatus.AWAITING_APPROVAL


def test_the_requester_withdraws_a_request_awaiting_approval(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        people["p-1"].mission.max_open_requests = 1
        request = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="limit_reached"):  # awaiting counts
            requests.send_request(session, people["p-1"], people["p-4"], mail=MAIL)
        requests.cancel_request(session, request, people["p-1"])
        assert request.status == RequestStatus.CANCELLED
        assert requests.send_request(session, people["p-1"], people["p-4"], mail=MAIL).status == (
            RequestStatus.AWAITING_APPROVAL
        )


@pytest.mark.parametrize("accept", [True, False])
def test_the_requester_is_told_the_answer_in_their_language(
    factory: sessionmaker[Session], accept: bool
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        people["p-1"].mission.requests_need_approval = False
        request = requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
        answer = requests.accept_request if accept else requests.decline_request
        answer(session, request, people["p-3"], mail=MAIL)
        told = session.scalars(select(OutboxMail).where(OutboxMail.recipient == people["p-1"].email)).one()
        name = people["p-3"].full_name  # Anne reads French
        verb = "a accepté" if accept else "a décliné"
        assert told.subject == f"{name} {verb} votre demande de rendez-vous"
        assert told.body.endswith("/me/agenda\n" if accept else "/me/requests\n")
