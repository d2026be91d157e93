"""Organisers change a meeting's attendees: under the lock, every rule of its slot checked again; on SQLite
and PostgreSQL."""

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Participant, SlotOccupancy
from missionmatch.services import meeting_placement as placement
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.mission_import import import_mission
from tests.services.placement_helpers import placement_mission


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, placement_mission())
    return session_factory


def _get(session: Session, model, key: str):  # type: ignore[no-untyped-def]
    return session.scalar(select(model).where(model.key == key))


def _refused(work: Callable[[], object]) -> list[tuple[str, dict]]:
    with pytest.raises(placement.PlacementRefused) as refused:
        work()
    return [(r.code, r.values) for r in refused.value.refusals]


def test_a_colleague_joins_a_published_meeting_and_is_busy_in_its_slot(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")  # Anne, 山田, Sato at 14:40, table 2, fr-ja
        luc = _get(session, Participant, "p-6")
        change_attendees(session, meeting, [*meeting.participants, luc])
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")
        assert [p.key for p in meeting.participants] == ["p-1", "p-3", "p-4", "p-6"]
        assert (meeting.slot, meeting.table, meeting.interpreter) == (2, 1, "fr-ja")
        busy = session.scalars(select(SlotOccupancy).where(SlotOccupancy.meeting_id == meeting.id))
        assert sorted(row.participant_id for row in busy) == sorted(p.id for p in meeting.participants)


def test_a_change_that_would_double_book_names_who_and_when_and_writes_nothing(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:  # Luc meets Ito at 14:40 too, with a second interpreter
        b2b = session.scalar(select(B2BSession))
        b2b.interpreters[0].count = 2
        placement.place_request(session, _get(session, MeetingRequest, "r-3"), b2b, 2, 0)
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")
        luc = _get(session, Participant, "p-6")
        refusals = _refused(lambda: change_attendees(session, meeting, [*meeting.participants, luc]))
        assert [(code, values["name"], values["time"].strftime("%H:%M")) for code, values in refusals] == [
            ("clash", "Luc Schmit", "14:40")
        ]
    with transaction(factory) as session:
        assert [p.key for p in _get(session, Meeting, "m-1").participants] == ["p-1", "p-3", "p-4"]


def test_the_table_must_seat_every_attendee(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.scalar(select(B2BSession)).seats = 3
        meeting = _get(session, Meeting, "m-1")
        luc = _get(session, Participant, "p-6")
        refusals = _refused(lambda: change_attendees(session, meeting, [*meeting.participants, luc]))
        assert refusals == [("seats", {"size": 4, "count": 3, "session": "B2B afternoon"})]


def test_attendees_from_one_side_only_are_refused(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")
        people = [_get(session, Participant, key) for key in ("p-1", "p-6")]
        assert _refused(lambda: change_attendees(session, meeting, people)) == [("attendees_sides", {})]


def test_an_interpreter_is_needed_once_the_attendees_share_no_language(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:  # Jonas and Sato speak English; Luc (fr) joins: fr-ja needed
        b2b = session.scalar(select(B2BSession))
        meeting = placement.place_request(session, _get(session, MeetingRequest, "r-2"), b2b, 4)
        assert meeting.interpreter is None
        change_attendees(session, meeting, [*meeting.participants, _get(session, Participant, "p-6")])
        assert meeting.interpreter == "fr-ja"


def test_the_two_parties_of_the_request_stay_and_colleagues_follow_the_request(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        b2b = session.scalar(select(B2BSession))
        meeting = placement.place_request(session, _get(session, MeetingRequest, "r-2"), b2b, 4)
        jonas, pedro = _get(session, Participant, "p-2"), _get(session, Participant, "p-7")
        sato = _get(session, Participant, "p-4")
        refusals = _refused(lambda: change_attendees(session, meeting, [pedro, sato]))
        assert refusals == [("request_parties", {"names": "Jonas Weber"})]
        ito = _get(session, Participant, "p-5")
        change_attendees(session, meeting, [jonas, sato, ito])
        assert [p.key for p in meeting.request.attendees] == ["p-2", "p-4", "p-5"]
