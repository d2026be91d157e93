import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting, MeetingRequest, Mission, Participant, Unavailability
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services.mail import MailSettings
from missionmatch.services.mission_import import import_mission
from missionmatch.services.replanning import replan_mission, withdraw_participant
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from tests.factories import small_mission

MAIL = MailSettings()  # mails stay in the outbox


def _published(factory: sessionmaker[Session]) -> dict[str, tuple[int, int]]:
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"][1]["status"] = "accepted"  # r-2: Jonas and Hanako, who share English
    with transaction(factory) as session:
        mission_id = import_mission(session, document).id
    run_scheduling(factory, mission_id, time_limit=10, workers=1)
    with transaction(factory) as session:
        publish_schedule(session, session.get(Mission, mission_id), mail=MAIL)
    return _positions(factory)


def _positions(factory: sessionmaker[Session]) -> dict[str, tuple[int, int]]:
    with factory() as session:
        return {
            m.key: (m.slot, m.table)
            for m in session.scalars(select(Meeting))
            if m.status in (MeetingStatus.PUBLISHED, MeetingStatus.DRAFT)
        }


def _person(session: Session, key: str) -> Participant:
    return session.scalar(select(Participant).where(Participant.key == key))


def test_a_new_unavailability_moves_only_the_meeting_it_hits(session_factory) -> None:
    before = _published(session_factory)
    slot_r2 = before["m-r-2"][0]
    with transaction(session_factory) as session:
        hanako = _person(session, "p-4")
        start, end = session.scalar(select(Mission)).b2b_sessions[0].slot_times()[slot_r2]
        hanako.unavailability.append(Unavailability(starts_at=start, ends_at=end, reason="call"))
        mission_id = session.scalar(select(Mission.id))
    report = replan_mission(session_factory, mission_id, time_limit=10)
    assert (report.kept, [key for key, _, _ in report.moved], report.dropped, report.added) == (
        1,
        ["m-r-2"],
        [],
        [],
    )
    after = _positions(session_factory)
    assert after["m-r-1"] == before["m-r-1"]  # untouched, same slot and table
    assert after["m-r-2"][0] != slot_r2
    assert report.moved[0][1:] == (slot_r2, after["m-r-2"][0])
    # Hanako and her colleague keep table 2 (index 1) wherever their meetings go
    assert before["m-r-2"][1] == after["m-r-2"][1] == before["m-r-1"][1] == 1
    # the same move as a changelog entry, which change_words puts in words
    [change] = report.changes
    assert (change["meeting"], change["change"]) == ("m-r-2", "moved")
    assert (change["before"]["slot"], change["before"]["table"]) == (slot_r2, 1)
    assert (change["after"]["slot"], change["after"]["table"]) == (after["m-r-2"][0], 1)
    assert change["after"]["participants"] == change["before"]["participants"]


def test_a_new_request_is_added_around_the_published_meetings(session_factory) -> None:
    before = _published(session_factory)
    with transaction(session_factory) as session:
        mission = session.scalar(select(Mission))
        session.add(
            MeetingRequest(
                mission=mission,
                key="r-5",
                requester=_person(session, "p-1"),
                recipient=_person(session, "p-4"),
                priority=2,
                status=RequestStatus.ACCEPTED,
                created_at=dt.datetime(2025, 5, 25, 9, 0, tzinfo=dt.UTC),
            )
        )
        mission_id = mission.id
    report = replan_mission(session_factory, mission_id, time_limit=10)
    assert (report.kept, report.moved, report.dropped, report.added) == (2, [], [], ["m-r-5"])
    assert [(c["meeting"], c["change"], c["before"]) for c in report.changes] == [("m-r-5", "added", None)]
    assert report.changes[0]["after"]["participants"] == ["p-1", "p-4"]
    after = _positions(session_factory)
    assert (after["m-r-1"], after["m-r-2"]) == (before["m-r-1"], before["m-r-2"])


def test_a_withdrawn_participant_frees_their_meetings_and_the_changelog_says_so(session_factory) -> None:
    _published(session_factory)
    with transaction(session_factory) as session:
        cancelled = withdraw_participant(session, _person(session, "p-3"))
        assert [m.key for m in cancelled] == ["m-r-1"]
        mission_id = session.scalar(select(Mission.id))
    report = replan_mission(session_factory, mission_id, time_limit=10)
    assert (report.kept, report.moved, report.dropped, report.added) == (1, [], [], [])
    with transaction(session_factory) as session:
        publication = publish_schedule(session, session.get(Mission, mission_id), mail=MAIL)
    assert [(c["meeting"], c["change"]) for c in publication.version.changelog] == [("m-r-1", "cancelled")]


def test_a_meeting_that_cannot_stay_in_its_session_moves_to_another_day(session_factory) -> None:
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["b2b_sessions"].append(
        dict(
            document["b2b_sessions"][0],
            key="b2b-2",
            name="B2B next morning",
            starts_at="2025-05-28T09:00",
            slot_count=2,
            breaks=[],
        )
    )
    document["meeting_requests"][1]["status"] = "accepted"  # r-2: Jonas and Hanako
    document["meetings"] = [
        {
            "key": "m-r-2",
            "participants": ["p-2", "p-4"],
            "request": "r-2",
            "session": "b2b-1",
            "slot": 1,
            "table": 1,
            "interpreter": None,
            "status": "published",
        }
    ]
    factory = session_factory
    with transaction(factory) as session:
        import_mission(session, document)
    with transaction(factory) as session:
        hanako = _person(session, "p-4")  # a company visit takes her whole first afternoon
        hanako.unavailability.append(
            Unavailability(
                starts_at=dt.datetime(2025, 5, 27, 13, 0),
                ends_at=dt.datetime(2025, 5, 27, 18, 0),
                reason="visit",
            )
        )
        mission_id = session.scalar(select(Mission.id))
    report = replan_mission(factory, mission_id, time_limit=10)
    assert (report.kept, report.dropped, report.added) == (0, [], ["m-r-1"])  # r-1 was accepted, not placed
    assert [key for key, _, _ in report.moved] == ["m-r-2"]
    assert report.sessions_changed == {"m-r-2": ("b2b-1", "b2b-2")}
    with factory() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-r-2"))
        assert (meeting.session.key, meeting.status, meeting.table) == ("b2b-2", MeetingStatus.PUBLISHED, 1)
