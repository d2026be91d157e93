"""Changes written by bulk statements reach the audit log too: the expiry of pending requests (by the hourly
job, named as a job) and the attendance of a programme item (by the organiser who records it). Fixture:
small_mission; r-2 pending p-2 -> p-4; the forum has p-1 and p-2 registered."""

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import AuditEntry, MeetingRequest, Participant, ProgrammeItem
from missionmatch.models.audit_actor import Actor, set_session_actor
from missionmatch.models.enums import RequestStatus
from missionmatch.services import programme_attendance as attendance
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from missionmatch.tasks.cleanup import run_cleanup
from missionmatch.tasks.queue import TaskContext
from tests.factories import small_mission

AT = dt.datetime(2025, 5, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _ids(session: Session) -> dict[str, int]:
    return {p.key: p.id for p in session.scalars(select(Participant))}


def _entries(session: Session, entity: str) -> list[tuple[Any, ...]]:
    query = select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
    return [
        (e.actor_kind, e.actor_label, e.operation, e.entity_id, e.about, e.changes)
        for e in session.scalars(query)
    ]


def test_the_hourly_job_records_the_requests_it_expired(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        request = session.scalars(select(MeetingRequest).where(MeetingRequest.key == "r-2")).one()
        request.expires_at = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        session.flush()
        request_id, since = request.id, session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
    run_cleanup(TaskContext(factory, MailSettings()))
    with factory() as session:
        assert session.get(MeetingRequest, request_id).status == RequestStatus.EXPIRED  # type: ignore[union-attr]
        ids = _ids(session)
        about = f",{min(ids['p-2'], ids['p-4'])},{max(ids['p-2'], ids['p-4'])},"
        found = [row for row in _entries(session, "request") if row[2] == "expire_requests"]
        assert found == [
            (
                "job",
                "hourly clean-up",
                "expire_requests",
                request_id,
                about,
                {"status": ["pending", "expired"]},
            )
        ]
        later = select(AuditEntry).where(AuditEntry.id > (since or 0), AuditEntry.entity == "request")
        assert len(session.scalars(later).all()) == 1
    run_cleanup(TaskContext(factory, MailSettings()))  # nothing more to expire: nothing more recorded
    with factory() as session:
        assert len([row for row in _entries(session, "request") if row[2] == "expire_requests"]) == 1


def test_attendance_and_its_undo_are_recorded_with_the_organiser(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        set_session_actor(session, Actor("organiser", 7, "orga@a.lu"))
        forum = session.scalars(select(ProgrammeItem).where(ProgrammeItem.key == "forum")).one()
        ids = _ids(session)
        attendance.record_attendance(session, forum, {ids["p-2"]}, at=AT)
        attendance.record_attendance(session, forum, {ids["p-1"], ids["p-2"]}, at=AT)
        attendance.undo_attendance(session, forum)
        found = [row for row in _entries(session, "programme_item") if "attended" in row[5]]
        one, two = ids["p-1"], ids["p-2"]
        who = ("organiser", "orga@a.lu")
        assert found == [
            (*who, "record_attendance", forum.id, f",{two},", {"attended": [[], [two]]}),
            (*who, "record_attendance", forum.id, f",{one},", {"attended": [[two], [one, two]]}),
            (*who, "undo_attendance", forum.id, f",{one},{two},", {"attended": [[one, two], []]}),
        ]
