"""A participant withdraws and an organiser undoes it: what is cancelled, what comes back, what cannot and
why (fixture: m-1, published, p-1 with p-3 and p-4 at slot 2, table 1; r-1 accepted from p-1 to p-3)."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Participant
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.meeting_requests import RequestRefused, send_request
from missionmatch.services.mission_import import import_mission
from missionmatch.services.placement_rules import PlacementRefused, check_slot
from missionmatch.services.withdrawal import undo_withdrawal, withdraw, withdrawal_plan
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


def _state(factory: sessionmaker[Session]) -> tuple[str, str, bool]:
    with factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        request = session.scalars(select(MeetingRequest).where(MeetingRequest.key == "r-1")).one()
        return meeting.status.value, request.status.value, _person(session, "p-3").withdrawn_at is not None


def test_the_plan_lists_what_a_withdrawal_cancels(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        plan = withdrawal_plan(session, _person(session, "p-3"))
        assert ([m.key for m in plan.meetings], [r.key for r in plan.requests]) == (["m-1"], ["r-1"])


def test_withdrawing_cancels_and_undo_restores(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-3"), AT, mail=MailSettings())
    assert _state(factory) == ("cancelled", "cancelled", True)
    with factory() as session:
        assert _person(session, "p-3").withdrawn_at == AT
    with transaction(factory) as session:
        report = undo_withdrawal(session, _person(session, "p-3"), mail=MailSettings())
        assert ([m.key for m in report.restored], report.not_restored, report.requests_restored) == (
            ["m-1"],
            [],
            1,
        )
    assert _state(factory) == ("published", "accepted", False)


def test_a_place_taken_meanwhile_is_not_restored_and_says_why(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-3"), AT, mail=MailSettings())
    with transaction(factory) as session:
        b2b = session.scalars(select(B2BSession)).first()
        jonas = _person(session, "p-2")
        session.add(
            Meeting(
                mission_id=jonas.mission_id,
                key="m-new",
                session=b2b,
                slot=2,
                table=1,
                status=MeetingStatus.DRAFT,
                participants=[jonas],
            )
        )
    with transaction(factory) as session:
        report = undo_withdrawal(session, _person(session, "p-3"), mail=MailSettings())
        [(meeting, why, refusals)] = report.not_restored
        assert (meeting.key, why, [r.code for r in refusals]) == ("m-1", "taken", ["table_taken"])
        assert (report.restored, report.requests_restored) == ([], 1)
    assert _state(factory) == ("cancelled", "accepted", False)


def test_nothing_comes_back_with_a_partner_who_withdrew_too(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-3"), AT, mail=MailSettings())
        withdraw(session, _person(session, "p-1"), AT, mail=MailSettings())
    with transaction(factory) as session:
        report = undo_withdrawal(session, _person(session, "p-3"), mail=MailSettings())
        assert [(m.key, why) for m, why, _ in report.not_restored] == [("m-1", "partner_gone")]
        assert (report.requests_restored, report.requests_not_restored) == (0, 1)
    assert _state(factory) == ("cancelled", "cancelled", False)


def test_no_request_reaches_or_leaves_a_withdrawn_participant(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-3"), AT, mail=MailSettings())
    with factory() as session:
        for sender, recipient in (("p-1", "p-3"), ("p-3", "p-1")):
            with pytest.raises(RequestRefused) as refused:
                send_request(
                    session, _person(session, sender), _person(session, recipient), mail=MailSettings()
                )
            assert refused.value.code == "unavailable"


def test_no_meeting_is_placed_for_or_given_a_withdrawn_participant(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        withdraw(session, _person(session, "p-4"), AT, mail=MailSettings())
    with factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        meeting.status = MeetingStatus.PUBLISHED  # the fixture's meeting, as if p-4 had never attended it
        b2b = session.scalars(select(B2BSession)).first()
        assert b2b is not None
        people = [_person(session, "p-1"), _person(session, "p-4")]
        checked = check_slot(session, people, b2b, 0, None)
        assert [r.code for r in checked.refusals] == ["attendee_withdrawn"]
        with pytest.raises(PlacementRefused) as refused:
            change_attendees(session, meeting, [*people, _person(session, "p-3")])
        assert [(r.code, r.values["name"]) for r in refused.value.refusals] == [
            ("attendee_withdrawn", _person(session, "p-4").full_name)
        ]
