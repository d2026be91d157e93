"""The database refuses a double booking by itself, whichever code writes it (SQLite and PostgreSQL)."""

import pytest
from sqlalchemy import select, text
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


def _double_booked_before_the_constraints(engine, status_b: str) -> sessionmaker[Session]:  # type: ignore[no-untyped-def]
    """The schema of the previous release, with two meetings at one seat (as the old bugs made them)."""
    from missionmatch import migrate

    factory = sessionmaker(bind=engine)
    # imported with today's models and schema, then taken back: the old schema keeps what it has columns for
    with transaction(factory) as session:
        import_mission(session, with_pairs(placement_mission(), 2))
    migrate.downgrade(engine, "6a6ffd8bba38")
    with engine.begin() as connection:
        mission, b2b = connection.execute(text("SELECT mission_id, id FROM b2b_session")).one()
        people = dict(connection.execute(text("SELECT key, id FROM participant")).all())
        for key, status, pair in (("m-a", "published", ("d-0", "h-0")), ("m-b", status_b, ("d-0", "h-1"))):
            connection.execute(
                text(
                    'INSERT INTO meeting (mission_id, key, session_id, slot, "table", status) '
                    "VALUES (:mission, :key, :b2b, 5, 0, :status)"
                ),
                {"mission": mission, "key": key, "b2b": b2b, "status": status},
            )
            meeting = connection.execute(text("SELECT id FROM meeting WHERE key = :k"), {"k": key}).scalar()
            for person in pair:
                connection.execute(
                    text("INSERT INTO meeting_attendee (meeting_id, participant_id) VALUES (:m, :p)"),
                    {"m": meeting, "p": people[person]},
                )
    return factory


def test_the_migration_unplaces_a_draft_that_clashes_and_keeps_the_published_one(empty_engine) -> None:  # type: ignore[no-untyped-def]
    from missionmatch import migrate

    migrate.upgrade(empty_engine)
    factory = _double_booked_before_the_constraints(empty_engine, "draft")
    migrate.upgrade(empty_engine)
    with factory() as session:
        rows = {m.key: (m.status.value, m.slot, m.table) for m in session.scalars(select(Meeting))}
        assert (rows["m-a"], rows["m-b"]) == (("published", 5, 0), ("draft", None, None))
        assert [row[2] for row in _occupancy(session) if row[1] == 5] == ["m-a", "m-a"]


def test_the_migration_stops_at_two_published_meetings_in_one_seat_naming_them(empty_engine) -> None:  # type: ignore[no-untyped-def]
    from missionmatch import migrate

    migrate.upgrade(empty_engine)
    _double_booked_before_the_constraints(empty_engine, "held")
    with pytest.raises(RuntimeError, match=r"m-b and m-a"):
        migrate.upgrade(empty_engine)
