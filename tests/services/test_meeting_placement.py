"""Moving, placing and removing meetings by hand, on SQLite and PostgreSQL, with concurrent organisers."""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services import meeting_placement as placement
from missionmatch.services.mission_import import import_mission
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.settings import MailSettings
from tests.services.placement_helpers import placement_mission, with_pairs

MAIL = MailSettings()  # mails stay in the outbox

PAIRS = 8


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, with_pairs(placement_mission(), PAIRS))
    return session_factory


def _get(session: Session, model, key: str):  # type: ignore[no-untyped-def]
    return session.scalar(select(model).where(model.key == key))


def _refused(work: Callable[[], object]) -> list[tuple[str, dict]]:
    with pytest.raises(placement.PlacementRefused) as refused:
        work()
    return [(r.code, r.values) for r in refused.value.refusals]


def test_moving_a_published_meeting_keeps_it_published_and_the_next_version_says_moved(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        publish_schedule(
            session, session.scalar(select(Mission)), mail=MAIL
        )  # version 1: m-1 at slot 2, table 2
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")
        moved = placement.move_meeting(session, meeting, meeting.session, 4)  # Yamada and Sato keep table 2
        assert (moved.status, moved.slot, moved.table, moved.interpreter) == (
            MeetingStatus.PUBLISHED,
            4,
            1,
            "fr-ja",
        )
    with transaction(factory) as session:
        version = publish_schedule(session, session.scalar(select(Mission)), mail=MAIL).version
        assert version.number == 2
        assert [(c["meeting"], c["change"]) for c in version.changelog] == [("m-1", "moved")]
        change = version.changelog[0]
        assert (change["before"]["slot"], change["before"]["table"]) == (2, 1)
        assert (change["after"]["slot"], change["after"]["table"], change["after"]["starts_at"]) == (
            4,
            1,
            "2025-05-27T15:40",
        )


def test_placing_an_accepted_request_makes_a_draft_meeting_at_the_first_free_table(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        request = _get(session, MeetingRequest, "r-3")
        meeting = placement.place_request(session, request, session.scalar(select(B2BSession)), 4)
        assert (meeting.key, meeting.status, meeting.slot, meeting.table, meeting.interpreter) == (
            "m-r-3",
            MeetingStatus.DRAFT,
            4,
            0,
            "fr-ja",
        )
        assert [p.key for p in meeting.participants] == ["p-6", "p-5"]
        mission = session.scalar(select(Mission))
        assert [r.key for r in placement.unplaced_requests(session, mission)] == ["r-2", "r-4"]


def test_a_hosts_meeting_goes_to_the_table_they_keep_and_no_other(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        request, b2b = _get(session, MeetingRequest, "r-2"), session.scalar(select(B2BSession))
        assert _refused(lambda: placement.place_request(session, request, b2b, 4, 0)) == [
            ("hosted_table", {"name": "Hanako Sato", "table": 2})
        ]
        meeting = placement.place_request(session, request, b2b, 4)  # table 1 is free too: Sato's table 2
        assert (meeting.key, meeting.slot, meeting.table) == ("m-r-2", 4, 1)
        m1 = _get(session, Meeting, "m-1")
        assert _refused(lambda: placement.move_meeting(session, m1, b2b, 5, 0)) == [
            ("hosted_table", {"name": "太郎 山田", "table": 2})
        ]
    with factory() as session:
        assert (_get(session, Meeting, "m-1").slot, _get(session, Meeting, "m-1").table) == (2, 1)


def test_placing_reuses_the_draft_that_accepting_made(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        request = _get(session, MeetingRequest, "r-3")
        waiting = Meeting(
            mission_id=request.mission_id,
            key="m-waiting",
            request=request,
            participants=[request.requester, request.recipient],
            status=MeetingStatus.DRAFT,
        )
        session.add(waiting)
        session.flush()
        placed = placement.place_request(session, request, session.scalar(select(B2BSession)), 1, 1)
        assert (placed.id, placed.key, placed.slot, placed.table, placed.interpreter) == (
            waiting.id,
            "m-waiting",
            1,
            1,
            "fr-ja",
        )


def test_requests_that_are_not_accepted_or_already_placed_are_refused(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = session.scalar(select(B2BSession))
        answered = _get(session, MeetingRequest, "r-1")
        assert _refused(lambda: placement.place_request(session, answered, b2b, 4)) == [
            ("already_placed", {"meeting": "m-1"})
        ]
        pending = _get(session, MeetingRequest, "r-4")
        pending.status = RequestStatus.PENDING
        assert _refused(lambda: placement.place_request(session, pending, b2b, 4)) == [
            ("not_accepted", {"status": "pending"})
        ]


def test_a_refused_move_changes_nothing(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")
        refusals = _refused(lambda: placement.move_meeting(session, meeting, meeting.session, 6))
        assert refusals == [("slot_outside", {"slot": 7, "session": "B2B afternoon", "count": 6})]
    with factory() as session:
        meeting = _get(session, Meeting, "m-1")
        assert (meeting.slot, meeting.table) == (2, 1)


def test_cancelled_meetings_do_not_move_and_only_drafts_are_removed(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        meeting = _get(session, Meeting, "m-1")
        assert _refused(lambda: placement.remove_from_draft(session, meeting)) == [
            ("not_draft", {"status": "published"})
        ]
        meeting.status = MeetingStatus.CANCELLED
        session.flush()
        assert _refused(lambda: placement.move_meeting(session, meeting, meeting.session, 4)) == [
            ("not_movable", {"status": "cancelled"})
        ]


def test_removing_a_draft_puts_its_request_back_in_the_waiting_list(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        request = _get(session, MeetingRequest, "r-2")
        placement.place_request(session, request, session.scalar(select(B2BSession)), 4)
    with transaction(factory) as session:
        placement.remove_from_draft(session, _get(session, Meeting, "m-r-2"))
    with factory() as session:
        assert _get(session, Meeting, "m-r-2") is None
        unplaced = placement.unplaced_requests(session, session.scalar(select(Mission)))
        assert [r.key for r in unplaced] == ["r-2", "r-3", "r-4"]


def _unplaced_drafts(factory: sessionmaker[Session], pairs: list[tuple[str, str]]) -> list[int]:
    with transaction(factory) as session:
        mission = session.scalar(select(Mission))
        meetings = [
            Meeting(
                mission_id=mission.id,
                key=f"m-{a}-{b}",
                participants=[_get(session, Participant, a), _get(session, Participant, b)],
                status=MeetingStatus.DRAFT,
            )
            for a, b in pairs
        ]
        session.add_all(meetings)
        session.flush()
        return [m.id for m in meetings]


def _move_together(
    factory: sessionmaker[Session], meeting_ids: list[int], slot: int, table: int | None
) -> list:
    """Every meeting moved into the same slot at once, one thread and one database session each."""
    barrier = threading.Barrier(len(meeting_ids))
    outcomes: list[str | tuple[str, ...]] = []

    def run(meeting_id: int) -> None:
        barrier.wait()
        try:
            with transaction(factory) as session:
                meeting = session.get(Meeting, meeting_id)
                placement.move_meeting(session, meeting, session.scalar(select(B2BSession)), slot, table)
            outcomes.append("placed")
        except placement.PlacementRefused as refused:
            outcomes.append(tuple(r.code for r in refused.refusals))

    threads = [threading.Thread(target=run, args=(meeting_id,)) for meeting_id in meeting_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _in_slot(factory: sessionmaker[Session], slot: int) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(Meeting).where(Meeting.slot == slot))


def test_concurrent_moves_of_meetings_sharing_a_participant_place_exactly_one(
    factory: sessionmaker[Session],
) -> None:
    ids = _unplaced_drafts(factory, [(f"d-{i}", "h-0") for i in range(PAIRS)])
    assert Counter(_move_together(factory, ids, 4, None)) == {"placed": 1, ("clash",): PAIRS - 1}
    assert _in_slot(factory, 4) == 1


def test_concurrent_moves_onto_one_table_place_exactly_one(factory: sessionmaker[Session]) -> None:
    ids = _unplaced_drafts(factory, [(f"d-{i}", f"h-{i}") for i in range(PAIRS)])
    assert Counter(_move_together(factory, ids, 4, 1)) == {"placed": 1, ("table_taken",): PAIRS - 1}
    assert _in_slot(factory, 4) == 1


def test_concurrent_placements_of_one_request_place_it_once(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        request_id = _get(session, MeetingRequest, "r-2").id
    barrier = threading.Barrier(PAIRS)
    outcomes: list[str] = []

    def run(slot: int) -> None:
        barrier.wait()
        try:
            with transaction(factory) as session:
                request = session.get(MeetingRequest, request_id)
                placement.place_request(session, request, session.scalar(select(B2BSession)), slot % 2 + 3)
            outcomes.append("placed")
        except placement.PlacementRefused as refused:
            outcomes.extend(r.code for r in refused.refusals)

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(PAIRS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"placed": 1, "already_placed": PAIRS - 1}
    with factory() as session:
        assert (
            session.scalar(select(func.count()).select_from(Meeting).where(Meeting.request_id == request_id))
            == 1
        )
