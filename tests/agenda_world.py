"""A small mission with a published schedule, for the agenda tests: m-1 (Anne Muller with 山田 太郎 and
Hanako Sato, 14:40 Tokyo time, table 2, fr-ja interpreter) and m-2 (Jonas Weber with Hanako Sato, 15:40,
table 1) published as version 1; m-3 (Jonas with 山田) stays a draft. Each step goes through the services."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting, Mission, Participant
from missionmatch.services.agenda_document import AgendaDocument, agenda_document
from missionmatch.services.meeting_placement import move_meeting
from missionmatch.services.mission_import import import_mission
from missionmatch.services.schedule_publish import cancel_meeting, publish_schedule
from missionmatch.settings import MailSettings
from tests.factories import small_mission

V1 = dt.datetime(2025, 5, 20, 3, 0, tzinfo=dt.UTC)


def _meeting(key: str, people: list[str], slot: int, table: int, interpreter: str | None) -> dict:
    return {
        "key": key,
        "participants": people,
        "request": None,
        "session": "b2b-1",
        "slot": slot,
        "table": table,
        "interpreter": interpreter,
        "status": "draft",
    }


def published_mission(factory: sessionmaker[Session], **mission: str) -> None:
    document = small_mission(**mission)
    document["agreements"] = document["feedback"] = []
    document["meetings"] = [
        _meeting("m-1", ["p-1", "p-3", "p-4"], 2, 1, "fr-ja"),
        _meeting("m-2", ["p-2", "p-4"], 4, 0, None),
    ]
    with transaction(factory) as session:
        import_mission(session, document)
        publish(session, V1)
        session.add(_draft(session))


def _draft(session: Session) -> Meeting:
    mission = session.scalar(select(Mission))
    people = [participant(session, "p-2"), participant(session, "p-3")]
    return Meeting(
        mission=mission, key="m-3", session=mission.b2b_sessions[0], slot=5, table=3, participants=people
    )


def participant(session: Session, key: str) -> Participant:
    found = session.scalar(select(Participant).where(Participant.key == key))
    assert found is not None
    return found


def meeting(session: Session, key: str) -> Meeting:
    found = session.scalar(select(Meeting).where(Meeting.key == key))
    assert found is not None
    return found


def publish(session: Session, when: dt.datetime) -> None:
    publish_schedule(session, session.scalar(select(Mission)), now=when, mail=MailSettings())


def move(factory: sessionmaker[Session], key: str, slot: int) -> None:
    with transaction(factory) as session:
        found = meeting(session, key)
        assert found.session is not None
        move_meeting(session, found, found.session, slot)


def cancel(factory: sessionmaker[Session], key: str) -> None:
    with transaction(factory) as session:
        cancel_meeting(session, meeting(session, key))


def republish(factory: sessionmaker[Session], when: dt.datetime) -> None:
    with transaction(factory) as session:
        publish(session, when)


def document_of(factory: sessionmaker[Session], key: str, language: str | None = None) -> AgendaDocument:
    with factory() as session:
        return agenda_document(session, participant(session, key), language=language)
