from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.mission_import import import_mission
from missionmatch.services.scheduling_run import run_scheduling
from tests.factories import small_mission


def _requests_document() -> dict:
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"] = [
        {
            "key": "r-1",
            "from": "p-1",
            "to": "p-3",
            "priority": 3,
            "message": "",
            "status": "accepted",
            "created_at": "2025-05-10T09:00",
            "expires_at": None,
        },
        {
            "key": "r-2",
            "from": "p-2",
            "to": "p-4",
            "priority": 2,
            "message": "",
            "status": "accepted",
            "created_at": "2025-05-10T09:00",
            "expires_at": None,
        },
        {
            "key": "r-3",
            "from": "p-2",
            "to": "p-3",
            "priority": 2,
            "message": "",
            "status": "accepted",
            "created_at": "2025-05-10T09:00",
            "expires_at": None,
        },
        {
            "key": "r-4",
            "from": "p-4",
            "to": "p-1",
            "priority": 1,
            "message": "",
            "status": "declined",
            "created_at": "2025-05-10T09:00",
            "expires_at": None,
        },
    ]
    return document


def test_accepted_requests_become_draft_meetings_with_reasons_for_the_rest(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as session:
        mission_id = import_mission(session, _requests_document()).id
    report = run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    assert (report.wanted, report.placed, report.weight_wanted, report.weight_placed) == (3, 2, 37, 25)
    # Jonas speaks German and English, Yamada only Japanese, and the session has only fr-ja interpreters
    assert report.unplaced == {"r-3": "no common language and no interpreter for it"}
    assert [(s.session, s.status, s.placed, s.breaks, s.interpreters_used) for s in report.sessions] == [
        ("b2b-1", "optimal", 2, 0, {"fr-ja": 1})
    ]
    with session_factory() as session:
        meetings = {m.request.key: m for m in session.scalars(select(Meeting))}
        assert sorted(meetings) == ["r-1", "r-2"]
        assert {m.status for m in meetings.values()} == {MeetingStatus.DRAFT}
        assert (meetings["r-1"].interpreter, meetings["r-2"].interpreter) == ("fr-ja", None)
        # Anne is on a call from 15:00 to 15:40, which overlaps slot 3 (15:20-15:40)
        assert meetings["r-1"].slot != 3
        assert all(0 <= m.table < 4 for m in meetings.values())


def test_running_again_replaces_the_draft_and_keeps_published_meetings(
    session_factory: sessionmaker[Session],
) -> None:
    document = _requests_document()
    document["meetings"] = [
        {
            "key": "m-pub",
            "participants": ["p-1", "p-3"],
            "request": "r-1",
            "session": "b2b-1",
            "slot": 5,
            "table": 0,
            "interpreter": "fr-ja",
            "status": "published",
        }
    ]
    with transaction(session_factory) as session:
        mission_id = import_mission(session, document).id
    run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    report = run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    assert (report.wanted, report.placed) == (2, 1)
    with session_factory() as session:
        rows = [
            (m.key, m.status.value, m.slot) for m in session.scalars(select(Meeting).order_by(Meeting.key))
        ]
    assert rows[0] == ("m-pub", "published", 5)
    assert [(key, status) for key, status, _ in rows] == [("m-pub", "published"), ("m-r-2", "draft")]


def test_sessions_are_solved_together_and_meetings_land_in_the_right_session(
    session_factory: sessionmaker[Session],
) -> None:
    document = _requests_document()
    second = dict(
        document["b2b_sessions"][0],
        key="b2b-2",
        name="B2B morning",
        starts_at="2025-05-28T09:00",
        slot_count=2,
        breaks=[],
        tables=2,
    )
    document["b2b_sessions"].append(second)
    anne = next(p for p in document["participants"] if p["key"] == "p-1")
    # Anne is busy for the whole first session: her meeting can only be held the next morning
    anne["unavailability"] = [
        {"starts_at": "2025-05-27T14:00", "ends_at": "2025-05-27T17:00", "reason": "visit"}
    ]
    jonas = next(p for p in document["participants"] if p["key"] == "p-2")
    jonas["departs_at"] = "2025-05-27T18:00"  # and Jonas flies home before it
    with transaction(session_factory) as session:
        mission_id = import_mission(session, document).id
    report = run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    assert (report.wanted, report.placed) == (3, 2)
    assert sorted((s.session, s.placed) for s in report.sessions) == [("b2b-1", 1), ("b2b-2", 1)]
    with session_factory() as session:
        placed = {m.request.key: (m.session.key, m.slot, m.table) for m in session.scalars(select(Meeting))}
    assert placed["r-1"][0] == "b2b-2" and placed["r-1"][1] in (0, 1) and placed["r-1"][2] in (0, 1)
    assert placed["r-2"][0] == "b2b-1"


def test_hosted_tables_are_kept_and_an_impossible_minimum_does_not_cost_the_schedule(
    session_factory: sessionmaker[Session],
) -> None:
    document = _requests_document()
    jonas = next(p for p in document["participants"] if p["key"] == "p-2")
    jonas["min_meetings"] = 3  # he has two accepted requests, one of which cannot be held at all
    with transaction(session_factory) as session:
        mission_id = import_mission(session, document).id
    report = run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    assert report.notes == ["minimum meetings could not all be met; scheduled without minimums"]
    assert (report.wanted, report.placed) == (3, 2)
    with session_factory() as session:
        placed = {m.request.key: (m.slot, m.table) for m in session.scalars(select(Meeting))}
    # Yamada (r-1) and Sato (r-2) of the same company both keep table 2, shown to people as "2"
    assert placed["r-1"][1] == placed["r-2"][1] == 1
    assert placed["r-1"][0] != placed["r-2"][0]


def test_a_published_meeting_in_a_newly_blocked_slot_does_not_stop_the_scheduler(
    session_factory: sessionmaker[Session],
) -> None:
    document = _requests_document()
    document["meetings"] = [
        {
            "key": "m-pub",
            "participants": ["p-1", "p-3"],
            "request": "r-1",
            "session": "b2b-1",
            "slot": 5,
            "table": 1,
            "interpreter": "fr-ja",
            "status": "published",
        }
    ]
    anne = next(p for p in document["participants"] if p["key"] == "p-1")
    # slot 5 is 16:00-16:20 (a 20-minute pause after the third slot): Anne has since booked a call then
    anne["unavailability"] = [
        {"starts_at": "2025-05-27T16:00", "ends_at": "2025-05-27T16:20", "reason": "call"}
    ]
    with transaction(session_factory) as session:
        mission_id = import_mission(session, document).id
    report = run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    assert (report.wanted, report.placed, report.notes) == (2, 1, [])
    with session_factory() as session:
        rows = sorted((m.key, m.status.value, m.slot) for m in session.scalars(select(Meeting)))
    assert rows[0] == ("m-pub", "published", 5)  # replanning, not the scheduler, moves it


def test_every_engine_line_feeds_the_job_progress_with_the_best_and_the_bound() -> None:
    from missionmatch.services.scheduling_run import solver_progress

    seen: list[dict] = []
    relay = solver_progress(lambda **values: seen.append(values))
    relay("[cp-sat] breaks: best=3 bound=1 elapsed=0.4s")
    relay("[portfolio] rc2-g3: optimal objective=2 after 1.5s")
    relay("[zero-break-sat] none: at least 1 break after 0.2s; bound=1")
    relay("[large] round 10: 40 placed, weight 90, breaks 12, 3.1s")
    relay("no engine named here")
    assert seen == [
        {"stage": "solving", "engine": "cp-sat", "best": 3.0, "bound": 1.0},
        {"stage": "solving", "engine": "rc2-g3", "best": 2.0},
        {"stage": "solving", "engine": "zero-break-sat", "bound": 1.0},
        {"stage": "solving", "engine": "large", "best": 12.0},
        {"stage": "solving"},
    ]


def test_the_report_names_the_engine_the_bound_and_the_gap(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        mission_id = import_mission(session, _requests_document()).id
    report = run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    [outcome] = report.sessions
    assert (outcome.status, outcome.engine, outcome.bound, outcome.gap) == ("optimal", "cp-sat", 0, 0)
    assert report.as_dict()["sessions"][0]["engine"] == "cp-sat"
