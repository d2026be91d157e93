"""Undo from the audit log: a bulk limit change, a declined request, a change of attendees and a withdrawal
come back once, as a whole, and only while nothing changed them since; each undo is linked to what it undid.
(Fixture: small_mission; m-1 published p-1, p-3, p-4; r-2 pending p-2 -> p-4.)"""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import AuditEntry, Meeting, MeetingRequest, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services import bulk_actions
from missionmatch.services.audit_undo import UndoRefused, undo_batch
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.meeting_requests import decline_request
from missionmatch.services.mission_import import import_mission
from missionmatch.services.withdrawal import withdraw
from missionmatch.settings import MailSettings
from tests.factories import small_mission

AT = dt.datetime(2025, 5, 26, 9, tzinfo=dt.UTC)


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
    return sqlite_factory


def _person(session: Session, key: str) -> Participant:
    return session.scalars(select(Participant).where(Participant.key == key)).one()


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission)).one()


def _batch(factory: sessionmaker[Session], operation: str) -> str:
    with factory() as session:
        query = select(AuditEntry.batch).where(AuditEntry.operation == operation)
        return session.scalars(query.order_by(AuditEntry.id.desc())).first() or ""


def _undo(factory: sessionmaker[Session], batch: str) -> str:
    with transaction(factory) as session:
        return undo_batch(session, _mission(session), batch, mail=MailSettings())


def _refused(factory: sessionmaker[Session], batch: str) -> tuple[str, str]:
    with factory() as session, pytest.raises(UndoRefused) as refused:
        undo_batch(session, _mission(session), batch, mail=MailSettings())
    return refused.value.code, refused.value.row


def _limits(factory: sessionmaker[Session]) -> tuple[int | None, int | None]:
    with factory() as session:
        return _person(session, "p-1").max_meetings, _person(session, "p-2").max_meetings


def _set_limit(factory: sessionmaker[Session], value: str) -> str:
    with transaction(factory) as session:
        ids = [_person(session, "p-1").id, _person(session, "p-2").id]
        bulk_actions.apply(session, MailSettings(), _mission(session), ids, "max_meetings", value, AT)
    return _batch(factory, "bulk_max_meetings")


def test_a_bulk_limit_change_is_undone_once(factory: sessionmaker[Session]) -> None:
    before = _limits(factory)
    batch = _set_limit(factory, "3")
    assert _limits(factory) == (3, 3)
    assert _undo(factory, batch) == "bulk_max_meetings"
    assert _limits(factory) == before
    assert _refused(factory, batch) == ("already_undone", "")
    with factory() as session:
        undo = session.scalars(select(AuditEntry).where(AuditEntry.undoes == batch)).all()
        assert sorted(e.changes["max_meetings"][0] for e in undo) == [3, 3]
        assert {e.operation for e in undo} == {"undo_bulk_max_meetings"}


def test_a_limit_changed_since_refuses_the_whole_undo(factory: sessionmaker[Session]) -> None:
    batch = _set_limit(factory, "3")
    with transaction(factory) as session:
        _person(session, "p-2").max_meetings = 4
    assert _refused(factory, batch) == ("changed", "Jonas Weber")
    assert _limits(factory) == (3, 4)  # nothing undone, not even p-1


def test_a_declined_request_is_pending_again(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        request = session.scalars(select(MeetingRequest).where(MeetingRequest.key == "r-2")).one()
        decline_request(session, request, _person(session, "p-4"), mail=MailSettings())
    batch = _batch(factory, "decline_request")
    with factory() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.batch == batch)).all()
        assert (entry.entity, entry.changes) == ("request", {"status": ["pending", "declined"]})
    assert _undo(factory, batch) == "decline_request"
    with factory() as session:
        request = session.scalars(select(MeetingRequest).where(MeetingRequest.key == "r-2")).one()
        assert request.status == RequestStatus.PENDING


def test_no_declined_request_comes_back_to_someone_who_withdrew(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        request = session.scalars(select(MeetingRequest).where(MeetingRequest.key == "r-2")).one()
        decline_request(session, request, _person(session, "p-4"), mail=MailSettings())
    batch = _batch(factory, "decline_request")
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-2"), AT, mail=MailSettings())
    assert _refused(factory, batch) == ("gone", "Jonas Weber")


def test_a_removed_attendee_comes_back(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        change_attendees(session, meeting, [_person(session, "p-1"), _person(session, "p-3")])
    batch = _batch(factory, "change_attendees")
    assert _undo(factory, batch) == "change_attendees"
    with factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        assert sorted(p.key for p in meeting.participants) == ["p-1", "p-3", "p-4"]


def test_a_withdrawal_is_undone_from_the_log(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-3"), AT, mail=MailSettings())
    batch = _batch(factory, "withdraw")
    assert _undo(factory, batch) == "withdraw"
    with factory() as session:
        assert _person(session, "p-3").withdrawn_at is None
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        assert meeting.status == MeetingStatus.PUBLISHED
        undo = session.scalars(select(AuditEntry).where(AuditEntry.undoes == batch)).all()
        assert {e.operation for e in undo} == {"undo_withdrawal"}
    assert _refused(factory, batch) == ("already_undone", "")


def test_an_operation_without_a_safe_undo_is_refused(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        batch = session.scalars(select(AuditEntry.batch)).first() or ""  # the import
    assert _refused(factory, batch) == ("not_undoable", "")
    assert _refused(factory, "nothing") == ("unknown", "")
