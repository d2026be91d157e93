"""The audit log written at every flush, through the service layer: exact before -> after for an edit, a
withdrawal and a meeting moved by hand; what an entry is about; who did it (CLI, job, system); no secret.
(Fixture: small_mission, m-1 published with p-1, p-3, p-4 at slot 2, table 1; r-1 accepted p-1 -> p-3.)"""

import datetime as dt
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import (
    AuditEntry,
    B2BSession,
    Meeting,
    MeetingRequest,
    Mission,
    Participant,
    ProgrammeItem,
)
from missionmatch.models.audit_actor import Actor, acting_as, current_actor, set_session_actor
from missionmatch.models.enums import ExclusionKind
from missionmatch.services import partner_exclusions, programme_setup
from missionmatch.services.meeting_placement import move_meeting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.participant_editing import ParticipantInput, save_participant
from missionmatch.services.personal_data import erase_participant
from missionmatch.services.withdrawal import withdraw
from missionmatch.settings import MailSettings
from tests.factories import small_mission

AT = dt.datetime(2025, 5, 26, 9, tzinfo=dt.UTC)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _person(session: Session, key: str) -> Participant:
    return session.scalars(select(Participant).where(Participant.key == key)).one()


def _after(factory: sessionmaker[Session], last: int) -> list[AuditEntry]:
    with factory() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.id > last).order_by(AuditEntry.id)))


def _last(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0


def test_an_import_is_recorded_as_created_rows(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        mission = session.scalars(select(Mission)).one()
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "participant", AuditEntry.change == "created")
        ).first()
        assert entry is not None and entry.mission_id == mission.id
        assert entry.changes["email"][0] is None and "@" in entry.changes["email"][1]
        assert (entry.actor_kind, entry.operation) == ("system", "")
        assert entry.about == f",{entry.entity_id},"


def test_an_edit_records_exactly_the_changed_fields(factory: sessionmaker[Session]) -> None:
    last = _last(factory)
    with transaction(factory) as session:
        anne = _person(session, "p-1")
        values = {
            "first_name": "Anne",
            "last_name": "Muller-Weis",
            "email": anne.email,
            "organisation": str(anne.organisation_id),
            "job_title": "CTO",
            "profile_language": anne.profile.language if anne.profile else "en",
            "offers": anne.profile.offers if anne.profile else "",
            "needs": anne.profile.needs if anne.profile else "",
            "timezone": "Europe/Luxembourg",
            "min_meetings": "0",
            "max_meetings": "5",
        }
        sectors = anne.profile.sectors if anne.profile else []
        save_participant(session, anne.mission, anne, ParticipantInput(values, anne.languages, sectors))
    [entry] = [e for e in _after(factory, last) if e.entity == "participant"]
    assert (entry.change, entry.entity_id) == ("updated", anne.id)
    # arrives_at left out of the form: cleared, and recorded so
    assert entry.changes == {
        "last_name": ["Muller", "Muller-Weis"],
        "job_title": ["CEO", "CTO"],
        "arrives_at": ["2025-05-25T10:00:00", None],
    }


def test_a_withdrawal_records_each_cancellation_in_one_batch(factory: sessionmaker[Session]) -> None:
    last = _last(factory)
    with transaction(factory) as session:
        carla = _person(session, "p-3")
        withdraw(session, carla, AT, mail=MailSettings())
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        request = session.scalars(select(MeetingRequest).where(MeetingRequest.key == "r-1")).one()
        attendees = sorted(p.id for p in meeting.participants)
    found = _after(factory, last)
    assert {e.operation for e in found} == {"withdraw"}
    assert len({e.batch for e in found}) == 1
    # the participant in two flushes (withdrawn, then what the withdrawal freed), the meeting, the request
    assert [(e.entity, e.entity_id) for e in found if e.entity == "participant"] == [
        ("participant", carla.id)
    ] * 2
    changes: dict[tuple[str, int], dict[str, list[object]]] = {}
    for e in found:
        changes.setdefault((e.entity, e.entity_id), {}).update(e.changes)
    assert set(changes) == {("participant", carla.id), ("meeting", meeting.id), ("request", request.id)}
    record = {"meetings": {str(meeting.id): "published"}, "requests": {str(request.id): "accepted"}}
    assert changes["participant", carla.id] == {
        "withdrawn_at": [None, "2025-05-26T09:00:00+00:00"],
        "withdrawal": [None, record | {"programme": {}, "waiting": {}}],
    }
    assert changes["meeting", meeting.id] == {"status": ["published", "cancelled"]}
    [meeting_entry] = [e for e in found if e.entity == "meeting"]
    assert meeting_entry.about == "," + ",".join(map(str, attendees)) + ","
    assert changes["request", request.id] == {"status": ["accepted", "cancelled"]}


def test_a_meeting_moved_by_hand_records_its_slot(factory: sessionmaker[Session]) -> None:
    last = _last(factory)
    with transaction(factory) as session:
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        b2b = session.scalars(select(B2BSession)).first()
        assert b2b is not None and (meeting.slot, meeting.table) == (2, 1)
        move_meeting(session, meeting, b2b, 0, 1)  # table 1: the host p-4 keeps it
    [entry] = _after(factory, last)
    assert (entry.entity, entry.operation, entry.change) == ("meeting", "move_meeting", "updated")
    assert entry.changes == {"slot": [2, 0]}


def test_the_actor_comes_from_the_session_then_the_run_then_system(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        assert current_actor(session) == Actor("system")
        with acting_as(Actor("cli", None, "root")):
            assert current_actor(session) == Actor("cli", None, "root")
        assert current_actor(session) == Actor("system")
    last = _last(factory)
    with acting_as(Actor("job", 7, "schedule")), transaction(factory) as session:
        _person(session, "p-2").job_title = "Engineer"
    [entry] = _after(factory, last)
    assert (entry.actor_kind, entry.actor_id, entry.actor_label) == ("job", 7, "schedule")


def test_a_rolled_back_change_leaves_no_entry(factory: sessionmaker[Session]) -> None:
    last = _last(factory)
    with factory() as session:
        _person(session, "p-2").job_title = "Nobody"
        session.flush()
        session.rollback()
    assert _after(factory, last) == []


def test_a_deleted_mission_takes_its_log_along(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.delete(session.scalars(select(Mission)).one())
    with factory() as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_bulk_statements_of_registrations_and_exclusions_are_recorded(factory: sessionmaker[Session]) -> None:
    last = _last(factory)
    with transaction(factory) as session:
        forum = session.scalars(select(ProgrammeItem).where(ProgrammeItem.key == "forum")).one()
        carla, anne = _person(session, "p-3"), _person(session, "p-1")
        programme_setup.register(session, forum, [carla])
        programme_setup.unregister(session, MailSettings(), forum, anne)
        partner_exclusions.exclude(session, anne, carla, ExclusionKind.NOT_INTERESTED)
        partner_exclusions.undo(session, anne, carla, ExclusionKind.NOT_INTERESTED)
    entries = [(e.entity, e.change, e.changes, e.about) for e in _after(factory, last)]
    assert entries[:2] == [
        ("programme_item", "updated", {"registered": [[], [carla.id]]}, f",{carla.id},"),
        ("programme_item", "updated", {"registered": [[anne.id], []]}, f",{anne.id},"),
    ]
    pair = f",{anne.id},{carla.id},"
    assert [(entity, change, about) for entity, change, _, about in entries[2:]] == [
        ("partner_exclusion", "created", pair),
        ("partner_exclusion", "deleted", pair),
    ]
    assert entries[3][2]["kind"] == ["not_interested", None]


def test_an_erasure_leaves_none_of_the_persons_data_in_the_log(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        carla = _person(session, "p-3")
        carla.job_title = "Director"  # an entry with before -> after of their data
        session.flush()
        email, names = carla.email, (carla.first_name, carla.last_name)
        set_session_actor(session, Actor("participant", carla.id, f"{names[0]} {names[1]}"))
        carla.profile.offers = "Something else"
        session.flush()
        erase_participant(session, carla)
    with factory() as session:
        entries = session.scalars(select(AuditEntry)).all()
        text = json.dumps([(e.actor_label, e.changes) for e in entries], ensure_ascii=False)
    assert email not in text and names[0] not in text and names[1] not in text and "Director" not in text
    assert any(e.entity == "participant" and e.entity_id == carla.id for e in entries)  # the rows stay
