"""Reminders of unanswered requests: three days and one day before the answer is due, each mailed once
whatever the number of runs, never for an answered or expired request; on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Mission, OutboxMail, Participant
from missionmatch.services import meeting_requests as requests
from missionmatch.services.mission_import import import_mission
from missionmatch.services.request_reminders import reminders_due, send_reminders
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()
DUE = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC)
HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    document = small_mission()
    for part in ("meeting_requests", "meetings", "agreements", "feedback"):
        document[part] = []
    with transaction(session_factory) as session:
        import_mission(session, document)
    return session_factory


def _people(session: Session) -> dict[str, Participant]:
    query = select(Participant).join(Mission).where(Mission.slug == "test-osaka")
    return {p.key: p for p in session.scalars(query)}


def test_how_many_reminders_are_due() -> None:
    assert [reminders_due(DUE, DUE - d) for d in (4 * DAY, 3 * DAY, 2 * DAY, DAY, HOUR)] == [0, 1, 1, 2, 2]


def test_each_reminder_is_mailed_once_to_the_recipient_only_while_unanswered(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        waiting = requests.send_request(session, people["p-2"], people["p-3"], mail=MAIL)
        answered = requests.send_request(session, people["p-1"], people["p-4"], mail=MAIL)
        requests.decline_request(session, answered, people["p-4"], mail=MAIL)
        for request in (waiting, answered):
            request.expires_at = DUE
        session.query(OutboxMail).delete()
    runs = [DUE - 4 * DAY, DUE - 3 * DAY + HOUR, DUE - 2 * DAY, DUE - DAY + HOUR, DUE - HOUR, DUE + HOUR]
    sent = []
    for moment in runs:
        with transaction(factory) as session:
            sent.append(send_reminders(session, MAIL, moment))
    assert sent == [0, 1, 0, 1, 0, 0]
    with transaction(factory) as session:
        mails = session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
        yamada = _people(session)["p-3"]
        assert [(m.recipient, m.subject) for m in mails] == [
            (yamada.email, "リマインダー: Jonas Weber さんがご返答をお待ちです")
        ] * 2
        assert "2025/05/20 18:00 (日本時間)" in mails[0].body
        assert session.scalars(select(MeetingRequest.reminders_sent).order_by(MeetingRequest.id)).all() == [
            2,
            0,
        ]


def test_a_request_sent_the_day_before_gets_one_reminder_not_two(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        request = requests.send_request(session, people["p-2"], people["p-3"], mail=MAIL)
        request.expires_at = DUE
        session.query(OutboxMail).delete()
        assert send_reminders(session, MAIL, DUE - 12 * HOUR) == 1
        assert send_reminders(session, MAIL, DUE - 6 * HOUR) == 0
        assert request.reminders_sent == 2
