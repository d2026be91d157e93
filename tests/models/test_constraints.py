import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import (
    B2BSession,
    Feedback,
    Meeting,
    MeetingRequest,
    Mission,
    Organisation,
    Participant,
    Profile,
)
from missionmatch.models.enums import RequestStatus
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission


@pytest.fixture
def loaded(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _participant(session: Session, key: str) -> Participant:
    return session.scalar(select(Participant).where(Participant.key == key))


def test_the_same_email_twice_in_a_mission_is_refused_by_the_database(loaded) -> None:
    with pytest.raises(IntegrityError), transaction(loaded) as session:
        anne = _participant(session, "p-1")
        session.add(
            Participant(
                mission=anne.mission,
                organisation=anne.organisation,
                email=anne.email,
                first_name="Other",
                last_name="Anne",
            )
        )


def test_the_same_email_in_another_mission_is_allowed(loaded) -> None:
    with transaction(loaded) as session:
        import_mission(session, small_mission(name="Second mission", slug="second"))
    with loaded() as session:
        emails = session.scalars(select(Participant.email).where(Participant.key == "p-1"))
        assert list(emails) == ["anne.muller@luxsat.example.lu"] * 2


def test_a_rating_outside_one_to_five_is_refused(loaded) -> None:
    with pytest.raises(IntegrityError), transaction(loaded) as session:
        meeting = session.scalar(select(Meeting))
        session.add(Feedback(meeting=meeting, author=_participant(session, "p-3"), rating=6))


def test_a_request_to_oneself_is_refused(loaded) -> None:
    with pytest.raises(IntegrityError), transaction(loaded) as session:
        anne = _participant(session, "p-1")
        session.add(
            MeetingRequest(
                mission=anne.mission,
                requester=anne,
                recipient=anne,
                created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
            )
        )


def test_an_unknown_side_is_refused_before_reaching_the_database(loaded) -> None:
    with pytest.raises(StatementError), transaction(loaded) as session:
        mission = session.scalar(select(Mission))
        session.add(Organisation(mission=mission, name="Nowhere", side="visitor", country="FR"))


def test_deleting_a_mission_deletes_everything_in_it(loaded) -> None:
    with transaction(loaded) as session:
        session.delete(session.scalar(select(Mission)))
    with loaded() as session:
        counts = [
            session.scalar(select(func.count()).select_from(model))
            for model in (Organisation, Participant, Profile, MeetingRequest, Meeting, Feedback)
        ]
    assert counts == [0, 0, 0, 0, 0, 0]


def test_japanese_text_survives_storage(loaded) -> None:
    with loaded() as session:
        yamada = _participant(session, "p-3")
        assert (yamada.last_name, yamada.first_name, yamada.profile.offers) == (
            "山田",
            "太郎",
            "軌道上の衛星の点検と修理を行います。",
        )


@pytest.mark.parametrize(
    "limits",
    [
        {"min_meetings": -1},
        {"max_meetings": -1},
        {"min_meetings": 5, "max_meetings": 3},
        {"hosted_table": 0},
    ],
)
def test_meeting_limits_and_hosted_table_outside_their_range_are_refused(loaded, limits) -> None:
    with pytest.raises(IntegrityError), transaction(loaded) as session:
        anne = _participant(session, "p-1")
        for name, value in {"min_meetings": None, "max_meetings": None, **limits}.items():
            setattr(anne, name, value)


def test_meeting_limits_may_be_equal_or_open_on_either_side(loaded) -> None:
    with transaction(loaded) as session:
        _participant(session, "p-1").min_meetings, _participant(session, "p-1").max_meetings = 3, 3
        _participant(session, "p-2").min_meetings, _participant(session, "p-2").max_meetings = 4, None
        _participant(session, "p-3").min_meetings, _participant(session, "p-3").max_meetings = None, 0
        _participant(session, "p-3").hosted_table = 1
    with loaded() as session:
        p = Participant
        columns = (p.key, p.min_meetings, p.max_meetings, p.hosted_table)
        rows = session.execute(select(*columns).order_by(Participant.key))
        assert [tuple(row) for row in rows] == [
            ("p-1", 3, 3, None),
            ("p-2", 4, None, None),
            ("p-3", None, 0, 1),
            ("p-4", None, None, 2),
        ]


def test_a_pending_request_reads_as_expired_once_due_without_a_write() -> None:
    due = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC)
    request = MeetingRequest(status=RequestStatus.PENDING, expires_at=due)
    assert request.status_at(due - dt.timedelta(seconds=1)) == RequestStatus.PENDING
    assert request.status_at(due) == RequestStatus.EXPIRED
    assert request.status == RequestStatus.PENDING
    assert (
        MeetingRequest(status=RequestStatus.ACCEPTED, expires_at=due).status_at(due) == RequestStatus.ACCEPTED
    )
    assert (
        MeetingRequest(status=RequestStatus.PENDING, expires_at=None).status_at(due) == RequestStatus.PENDING
    )


def test_a_table_of_fewer_than_two_seats_is_refused(loaded) -> None:
    with pytest.raises(IntegrityError), transaction(loaded) as session:
        session.scalar(select(B2BSession)).seats = 1
