"""Recording who came to a programme item: all or nothing, registered people only, undo, counts."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Participant, ProgrammeItem
from missionmatch.services import programme_attendance as attendance
from missionmatch.services import programme_setup as setup
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.factories import small_mission

AT = dt.datetime(2025, 5, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
    return sqlite_factory


def _item(session: Session, key: str) -> ProgrammeItem:
    return session.scalars(select(ProgrammeItem).where(ProgrammeItem.key == key)).one()


def _ids(session: Session) -> dict[str, int]:
    return {p.key: p.id for p in session.scalars(select(Participant))}


def _rows(session: Session, item: ProgrammeItem) -> list[tuple[object, ...]]:
    query = "SELECT participant_id, attended_at FROM programme_registration WHERE programme_item_id = :i"
    return [tuple(row) for row in session.execute(text(query + " ORDER BY participant_id"), {"i": item.id})]


def test_nothing_recorded_counts_as_none_not_zero(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        forum, visit = _item(session, "forum"), _item(session, "visit-1")
        assert attendance.attendance_counts(session, [forum, visit]) == {forum.id: None, visit.id: None}


def test_record_marks_who_came_and_who_did_not(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        forum, ids = _item(session, "forum"), _ids(session)  # p-1 and p-2 registered
        assert attendance.record_attendance(session, forum, {ids["p-2"]}, at=AT) == 1
    with factory() as session:
        forum, visit = _item(session, "forum"), _item(session, "visit-1")
        assert _rows(session, forum) == [(ids["p-1"], None), (ids["p-2"], "2025-05-27 03:00:00.000000")]
        assert forum.attendance_recorded_at == AT
        assert attendance.attended_ids(session, forum) == {ids["p-2"]}
        assert attendance.attendance_counts(session, [forum, visit]) == {forum.id: 1, visit.id: None}


def test_nobody_came_is_zero(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        forum = _item(session, "forum")
        attendance.record_attendance(session, forum, set(), at=AT)
        assert attendance.attendance_counts(session, [forum]) == {forum.id: 0}


def test_recording_again_replaces_the_list_and_keeps_the_first_moment(factory: sessionmaker[Session]) -> None:
    later = AT + dt.timedelta(hours=2)
    with transaction(factory) as session:
        forum, ids = _item(session, "forum"), _ids(session)
        attendance.record_attendance(session, forum, {ids["p-1"]}, at=AT)
        attendance.record_attendance(session, forum, {ids["p-1"], ids["p-2"]}, at=later)
        assert [when for _, when in _rows(session, forum)] == [
            "2025-05-27 03:00:00.000000",
            "2025-05-27 05:00:00.000000",
        ]
        attendance.record_attendance(session, forum, {ids["p-2"]}, at=later)
        assert attendance.attended_ids(session, forum) == {ids["p-2"]}
        assert forum.attendance_recorded_at == later


def test_an_unregistered_participant_refuses_the_whole_recording(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        forum, ids = _item(session, "forum"), _ids(session)
        attendance.record_attendance(session, forum, {ids["p-1"]}, at=AT)
        p3 = session.get(Participant, ids["p-3"])
        assert p3 is not None
        with pytest.raises(attendance.NotRegistered) as refused:
            attendance.record_attendance(session, forum, {ids["p-2"], ids["p-3"]}, at=AT)
        assert (refused.value.participant_id, refused.value.name) == (ids["p-3"], p3.full_name)
        assert (
            str(refused.value)
            == f"participant {ids['p-3']} ({p3.full_name}) is not registered for 'Business Forum'"
        )
        with pytest.raises(attendance.NotRegistered) as unknown:
            attendance.record_attendance(session, forum, {999}, at=AT)
        assert str(unknown.value) == "participant 999 is not registered for 'Business Forum'"
        assert attendance.attended_ids(session, forum) == {ids["p-1"]}


def test_undo_goes_back_to_not_recorded(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        forum, ids = _item(session, "forum"), _ids(session)
        attendance.record_attendance(session, forum, {ids["p-1"], ids["p-2"]}, at=AT)
        attendance.undo_attendance(session, forum)
        assert _rows(session, forum) == [(ids["p-1"], None), (ids["p-2"], None)]
        assert attendance.attendance_counts(session, [forum]) == {forum.id: None}


def test_unregistering_takes_the_attendance_with_it(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        forum, ids = _item(session, "forum"), _ids(session)
        attendance.record_attendance(session, forum, {ids["p-1"], ids["p-2"]}, at=AT)
        p1 = session.get(Participant, ids["p-1"])
        assert p1 is not None
        setup.unregister(session, MailSettings(), forum, p1)
        assert attendance.attendance_counts(session, [forum]) == {forum.id: 1}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recordings=st.lists(st.sets(st.sampled_from(["p-1", "p-2", "p-3"])), min_size=1, max_size=4))
def test_after_any_recordings_the_last_one_is_who_came(
    factory: sessionmaker[Session], recordings: list[set[str]]
) -> None:
    """Whatever was recorded before, the last accepted recording is the item's attendance; a refused one
    (p-3 is not registered for the forum) changes nothing."""
    with factory() as session:
        forum, ids = _item(session, "forum"), _ids(session)
        expected: set[int] | None = None
        for keys in recordings:
            chosen = {ids[k] for k in keys}
            try:
                attendance.record_attendance(session, forum, chosen, at=AT)
                expected = chosen
            except attendance.NotRegistered:
                assert "p-3" in keys
            assert attendance.attendance_counts(session, [forum])[forum.id] == (
                None if expected is None else len(expected)
            )
            assert attendance.attended_ids(session, forum) == (expected or set())
        session.rollback()
