"""The database refuses a double booking by itself, whichever code writes it (SQLite and PostgreSQL)."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, Mission, Participant, SlotOccupancy
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.mission_import import import_mission
from tests.services.placement_helpers import placement_mission, with_pairs


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, with_pairs(placement_mission(), 2))
    return session_factory


def _people(session: Session, *keys: str) -> list[Participant]:
    return [session.scalar(select(Participant).where(Participant.key == key)) for key in keys]


def _meeting(session: Session, keys: tuple[str, ...], slot: int | None, table: int | None, **kw) -> Meeting:  # type: ignore[no-untyped-def]
    mission = session.scalar(select(Mission))
    meeting = Meeting(
        mission=mission,
        session=session.scalar(select(B2BSession)),
        slot=slot,
        table=table,
        participants=_people(session, *keys),
        status=kw.get("status", MeetingStatus.PUBLISHED),
    )
    session.add(meeting)
    return meeting


def _occupancy(session: Session) -> list[tuple[str, int, str]]:
    rows = session.execute(
        select(Participant.key, SlotOccupancy.slot, Meeting.key)
        .join(Participant, Participant.id == SlotOccupancy.participant_id)
        .join(Meeting, Meeting.id == SlotOccupancy.meeting_id)
        .order_by(Participant.key, SlotOccupancy.slot)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_two_occupying_meetings_at_one_table_and_slot_are_refused(factory: sessionmaker[Session]) -> None:
    with pytest.raises(IntegrityError), transaction(factory) as session:
        _meeting(session, ("d-0", "h-0"), 5, 1)
        _meeting(session, ("d-1", "h-1"), 5, 1)


def test_one_attendee_in_two_occupying_meetings_of_a_slot_is_refused(factory: sessionmaker[Session]) -> None:
    with pytest.raises(IntegrityError), transaction(factory) as session:
        _meeting(session, ("d-0", "h-0"), 5, 0)
        _meeting(session, ("d-0", "h-1"), 5, 1)


def test_a_cancelled_meeting_frees_table_and_people_and_cannot_come_back_over_another(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        first = _meeting(session, ("d-0", "h-0"), 5, 0)
        session.flush()
        first.status = MeetingStatus.CANCELLED
        session.flush()
        _meeting(session, ("d-0", "h-1"), 5, 0, status=MeetingStatus.NO_SHOW)
    with transaction(factory) as session:
        assert [row for row in _occupancy(session) if row[0] in ("d-0", "h-1")] == [
            ("d-0", 5, session.scalar(select(Meeting.key).where(Meeting.status == MeetingStatus.NO_SHOW))),
            ("h-1", 5, session.scalar(select(Meeting.key).where(Meeting.status == MeetingStatus.NO_SHOW))),
        ]
    with pytest.raises(IntegrityError), transaction(factory) as session:
        again = session.scalar(select(Meeting).where(Meeting.status == MeetingStatus.CANCELLED))
        again.status = MeetingStatus.HELD


def test_occupancy_follows_moves_attendees_and_deletion(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        meeting = _meeting(session, ("d-0", "h-0"), 3, 0, status=MeetingStatus.DRAFT)
        session.flush()
        key = meeting.key
        meeting.slot = 4
        session.flush()
        meeting.participants = [*meeting.participants, *_people(session, "d-1")]
        session.flush()
        assert [row for row in _occupancy(session) if row[2] == key] == [
            ("d-0", 4, key),
            ("d-1", 4, key),
            ("h-0", 4, key),
        ]
        meeting.participants = _people(session, "d-1", "h-0")
        meeting.slot = None  # unplaced: occupies nothing
        session.flush()
        assert [row for row in _occupancy(session) if row[2] == key] == []
        meeting.slot = 1
        session.flush()
        assert [row for row in _occupancy(session) if row[2] == key] == [("d-1", 1, key), ("h-0", 1, key)]
        session.delete(meeting)
        session.flush()
        assert [row for row in _occupancy(session) if row[2] == key] == []


def test_unplaced_drafts_and_tables_left_open_never_clash(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        _meeting(session, ("d-0", "h-0"), None, None, status=MeetingStatus.DRAFT)
        _meeting(session, ("d-0", "h-0"), None, None, status=MeetingStatus.DRAFT)
        _meeting(session, ("d-1", "h-1"), 5, None)
        _meeting(session, ("d-0", "h-0"), 5, None)
