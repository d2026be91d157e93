import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import (
    Meeting,
    MeetingRequest,
    Mission,
    Participant,
    PartnerExclusion,
    ScheduleVersion,
)
from missionmatch.models.programme import programme_registration
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_export import export_mission
from missionmatch.services.mission_import import import_mission
from missionmatch.services.problems import InputRejected
from tests.factories import small_mission


def test_small_mission_is_valid() -> None:
    assert validate(small_mission()) == []


PUBLISHED_M1 = {
    "session": "b2b-1",
    "slot": 2,
    "starts_at": "2025-05-27T14:40",
    "table": 1,
    "interpreter": "fr-ja",
    "participants": ["p-1", "p-3", "p-4"],
}
VERSION_1 = {
    "number": 1,
    "published_at": "2025-05-25T18:00:00",
    "published_by": "orga@a.lu",
    "comment": "First schedule",
    "snapshot": {"m-1": PUBLISHED_M1},
    "changelog": [{"meeting": "m-1", "change": "added", "before": None, "after": PUBLISHED_M1}],
    "statistics": {"placed": 1},
}


def test_import_then_export_gives_back_the_same_document(session_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["schedule_versions"] = [VERSION_1]
    with transaction(session_factory) as session:
        import_mission(session, document)
    with transaction(session_factory) as session:
        mission = session.scalar(select(Mission))
        exported = export_mission(session, mission)
    expected = json.loads(json.dumps(document))
    expected["participants"][0]["email"] = "anne.muller@luxsat.example.lu"  # e-mails are stored lower-cased
    assert exported == expected


def test_must_meet_vetoes_and_reminders_round_trip(session_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["meeting_requests"][0]["must_meet"] = True
    document["meeting_requests"][1].update(status="vetoed", rejection_reason="Competitors", reminders_sent=1)
    with transaction(session_factory) as session:
        import_mission(session, document)
    with transaction(session_factory) as session:
        exported = export_mission(session, session.scalar(select(Mission)))
    assert exported["meeting_requests"] == document["meeting_requests"]


def test_request_times_are_stored_as_the_instants_the_mission_clock_named(
    session_factory: sessionmaker[Session],
) -> None:
    # the document says 09:00 (Osaka) for r-1: the database keeps midnight UTC, the export says 09:00 again
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with session_factory() as session:
        r1 = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-1"))
        assert (r1.created_at, r1.expires_at) == (
            dt.datetime(2025, 5, 10, 0, 0, tzinfo=dt.UTC),
            dt.datetime(2025, 5, 20, 0, 0, tzinfo=dt.UTC),
        )
        exported = export_mission(session, session.scalar(select(Mission)))["meeting_requests"][0]
    assert (exported["created_at"], exported["expires_at"]) == ("2025-05-10T09:00", "2025-05-20T09:00")


def test_export_import_round_trip_through_json_is_lossless(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with transaction(session_factory) as session:
        first = export_mission(session, session.scalar(select(Mission)))
    with transaction(session_factory) as session:
        import_mission(session, json.loads(json.dumps(first, ensure_ascii=False)), replace=True)
    with transaction(session_factory) as session:
        second = export_mission(session, session.scalar(select(Mission)))
    assert second == first


def test_visibility_settings_round_trip_and_default_when_absent(
    session_factory: sessionmaker[Session],
) -> None:
    chosen = small_mission(directory_visibility="recommended", show_contact_emails=True)
    older = small_mission(name="Older document", slug="older")
    del older["mission"]["directory_visibility"], older["mission"]["show_contact_emails"]
    with transaction(session_factory) as session:
        import_mission(session, chosen)
        import_mission(session, older)
    with transaction(session_factory) as session:
        exported = {m.slug: export_mission(session, m)["mission"] for m in session.scalars(select(Mission))}
    assert [
        (exported[slug]["directory_visibility"], exported[slug]["show_contact_emails"])
        for slug in ("test-osaka", "older")
    ] == [("recommended", True), ("other_side", False)]


def test_request_rules_round_trip_as_mission_wall_time_and_default_to_none(
    session_factory: sessionmaker[Session],
) -> None:
    chosen = small_mission(
        requests_open_at="2025-05-12T09:00", requests_close_at="2025-05-23T18:00", max_open_requests=5
    )
    older = small_mission(name="Older document", slug="older")
    for field in ("requests_open_at", "requests_close_at", "max_open_requests"):
        del older["mission"][field]
    with transaction(session_factory) as session:
        import_mission(session, chosen)
        import_mission(session, older)
    with transaction(session_factory) as session:
        missions = {m.slug: m for m in session.scalars(select(Mission))}
        assert missions["test-osaka"].requests_close_at == dt.datetime(2025, 5, 23, 9, 0, tzinfo=dt.UTC)
        exported = {slug: export_mission(session, m)["mission"] for slug, m in missions.items()}
    assert [
        tuple(exported[slug][f] for f in ("requests_open_at", "requests_close_at", "max_open_requests"))
        for slug in ("test-osaka", "older")
    ] == [("2025-05-12T09:00", "2025-05-23T18:00", 5), (None, None, None)]


def test_programme_attendance_round_trips(session_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["programme"][0]["attendance_recorded_at"] = "2025-05-27T12:30"  # forum: Anne came, Jonas not
    document["participants"][0]["programme_attended"] = ["forum"]
    with transaction(session_factory) as session:
        import_mission(session, document)
    with transaction(session_factory) as session:
        g = programme_registration.c
        query = (
            select(Participant.key, g.attended_at)
            .join(Participant, Participant.id == g.participant_id)
            .order_by(Participant.key, g.programme_item_id)
        )
        assert [tuple(row) for row in session.execute(query)] == [
            ("p-1", dt.datetime(2025, 5, 27, 3, 30, tzinfo=dt.UTC)),  # 12:30 in Osaka is 03:30 UTC
            ("p-1", None),
            ("p-2", None),
        ]
        exported = export_mission(session, session.scalar(select(Mission)))
    assert exported["programme"] == document["programme"]
    assert [p.get("programme_attended") for p in exported["participants"]] == [["forum"], None, None, None]
    assert "attendance_recorded_at" not in exported["programme"][1]  # visit-1: not recorded


def test_a_meeting_of_three_keeps_its_three_participants(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with transaction(session_factory) as session:
        meeting = session.scalar(select(Meeting))
        assert [p.key for p in meeting.participants] == ["p-1", "p-3", "p-4"]
        assert meeting.session.slot_times()[2][0].isoformat() == "2025-05-27T14:40:00"
        assert meeting.session.slot_times()[3][0].isoformat() == "2025-05-27T15:20:00"


def test_importing_the_same_mission_twice_is_refused(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with pytest.raises(InputRejected) as rejected, transaction(session_factory) as session:
        import_mission(session, small_mission())
    assert [str(p) for p in rejected.value.problems] == [
        "mission, name: a mission 'Test mission Osaka' already exists"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["participants"][1].update(email="anne.muller@LUXSAT.example.lu"),
            "participants[1], email: 'anne.muller@LUXSAT.example.lu' is used twice",
        ),
        (
            lambda d: d["participants"][0].update(organisation="nobody"),
            "participants[0], organisation: 'nobody' does not exist",
        ),
        (
            lambda d: d["organisations"][0].update(side="visitor"),
            "organisations[0], side: 'visitor' is not one of delegation, host",
        ),
        (
            lambda d: d["organisations"][0].update(sectors=["space", "astrology"]),
            "organisations[0], sectors: 'astrology' does not exist",
        ),
        (
            lambda d: d["programme"][1].update(host_organisation="lu-sat"),
            "programme[1], host_organisation: 'lu-sat' is not a host organisation",
        ),
        (lambda d: d["meetings"][0].update(slot=6), "meetings[0], slot: 6 is not a slot of the session"),
        (
            lambda d: d["meetings"][0].update(interpreter="de-ja"),
            "meetings[0], interpreter: 'de-ja' is not offered in the session",
        ),
        (
            lambda d: d["mission"].update(timezone="Mars/Olympus"),
            "mission, timezone: 'Mars/Olympus' is not an IANA time zone",
        ),
        (
            lambda d: d["programme"][0].update(starts_at="2025-06-02T09:00", ends_at="2025-06-02T10:00"),
            "programme[0], starts_at: 2025-06-02T09:00:00 is outside the mission dates",
        ),
        (
            lambda d: d["meeting_requests"][0].update(to="p-1"),
            "meeting_requests[0], to: a participant cannot request a meeting with themselves",
        ),
        (lambda d: d["feedback"][0].update(rating=9), "feedback[0], rating: must be 1 to 5"),
        (
            lambda d: d["mission"].update(directory_visibility="everyone"),
            "mission, directory_visibility: 'everyone' is not one of both_sides, other_side, recommended",
        ),
        (
            lambda d: d["mission"].update(show_contact_emails="yes"),
            "mission, show_contact_emails: must be true or false",
        ),
        (
            lambda d: d["mission"].update(
                requests_open_at="2025-05-20T09:00", requests_close_at="2025-05-20T08:00"
            ),
            "mission, requests_close_at: must be after requests_open_at",
        ),
        (
            lambda d: d["mission"].update(max_open_requests=0),
            "mission, max_open_requests: must be a whole number from 1, or null (no limit)",
        ),
        (
            lambda d: d["mission"].update(max_open_requests=True),
            "mission, max_open_requests: must be a whole number from 1, or null (no limit)",
        ),
        (
            lambda d: d["programme"][0].update(starts_at="2025-05-27T09:00+09:00"),
            "programme[0], starts_at: '2025-05-27T09:00+09:00' has an offset; "
            "write the mission's local time, like 2025-05-27T14:00",
        ),
        (
            lambda d: d["meeting_requests"][0].update(must_meet="yes"),
            "meeting_requests[0], must_meet: must be true or false",
        ),
        (
            lambda d: d["meeting_requests"][0].update(reminders_sent=3),
            "meeting_requests[0], reminders_sent: must be 0, 1 or 2",
        ),
        (
            lambda d: d["participants"][2].update(programme_attended=["forum"]),
            "participants[2], programme_attended: 'forum' is not in the participant's programme",
        ),
        (
            lambda d: d["participants"][0].update(programme_attended=["visit-1"]),
            "participants[0], programme_attended: 'visit-1' has no attendance_recorded_at",
        ),
        (
            lambda d: d["programme"][0].update(attendance_recorded_at="yesterday"),
            "programme[0], attendance_recorded_at: 'yesterday' is not a date-time like 2025-05-27T14:00",
        ),
        (
            lambda d: d["meeting_requests"][0].update(created_at="2025-05-10T00:00Z"),
            "meeting_requests[0], created_at: '2025-05-10T00:00Z' has an offset; "
            "write the mission's local time, like 2025-05-27T14:00",
        ),
    ],
)
def test_an_invalid_document_is_refused_whole_and_named(
    session_factory: sessionmaker[Session], change, expected: str
) -> None:
    document = small_mission()
    change(document)
    with pytest.raises(InputRejected) as rejected, transaction(session_factory) as session:
        import_mission(session, document)
    assert expected in [str(p) for p in rejected.value.problems]
    with session_factory() as session:
        assert session.scalar(select(func.count(Mission.id))) == 0
        assert session.scalar(select(func.count(Participant.id))) == 0


def test_two_meetings_in_one_seat_or_one_person_in_two_are_refused_naming_the_rows() -> None:
    document = small_mission()
    second = dict(document["meetings"][0], key="m-2", participants=["p-2", "p-3"])
    document["meetings"].append(second)  # same slot and table as m-1, and 太郎 山田 (p-3) in both
    assert [str(p) for p in validate(document) if p.where.startswith("meetings")] == [
        "meetings[1], table: table 1 is already in meeting 'm-1' in slot 2",
        "meetings[1], participants: participant 'p-3' is already in meeting 'm-1' in slot 2",
    ]
    document["meetings"][1]["status"] = "cancelled"  # a cancelled meeting occupies nothing
    assert [p for p in validate(document) if p.where.startswith("meetings")] == []


def test_a_released_schedule_is_kept_as_the_instant_it_was_published(
    session_factory: sessionmaker[Session],
) -> None:
    document = small_mission()
    document["schedule_versions"] = [VERSION_1]
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        version = session.scalar(select(ScheduleVersion).where(ScheduleVersion.mission_id == mission.id))
        assert version is not None
        assert (version.number, version.published_at) == (1, dt.datetime(2025, 5, 25, 9, 0, tzinfo=dt.UTC))
        assert version.snapshot == {"m-1": PUBLISHED_M1}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda v: v.update(number=2), "schedule_versions[0], number: must be 1 (versions are numbered"),
        (lambda v: v.update(published_at="2025-05-25T18:00+09:00"), "schedule_versions[0], published_at: "),
        (
            lambda v: v.update(snapshot={"m-9": PUBLISHED_M1}),
            "schedule_versions[0], snapshot: 'm-9' does not",
        ),
        (
            lambda v: v.update(snapshot={"m-1": {**PUBLISHED_M1, "participants": ["p-1", "p-99"]}}),
            "schedule_versions[0], snapshot.participants: 'p-99' does not exist",
        ),
        (
            lambda v: v["changelog"][0].update(change="swapped"),
            "schedule_versions[0].changelog[0], change: 'swapped' is not one of added, cancelled, moved",
        ),
    ],
)
def test_a_wrong_schedule_version_is_refused_naming_its_field(change: Any, problem: str) -> None:
    document = small_mission()
    document["schedule_versions"] = [json.loads(json.dumps(VERSION_1))]
    change(document["schedule_versions"][0])
    assert [str(p) for p in validate(document) if str(p).startswith(problem)] != []


EXCLUSIONS = [
    {"participant": "p-1", "other": "p-3", "kind": "not_interested", "created_at": "2025-05-20T09:30:00"},
    {"participant": "p-3", "other": "p-2", "kind": "dismissed", "created_at": "2025-05-21T18:05:10"},
]


def test_partner_exclusions_round_trip(session_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["partner_exclusions"] = json.loads(json.dumps(EXCLUSIONS))
    with transaction(session_factory) as session:
        import_mission(session, document)
    with transaction(session_factory) as session:
        rows = session.execute(
            select(PartnerExclusion.kind, PartnerExclusion.created_at).order_by(PartnerExclusion.id)
        ).all()
        # the mission's wall time (Asia/Tokyo, +09:00) is stored as UTC
        assert [(kind.value, at) for kind, at in rows] == [
            ("not_interested", dt.datetime(2025, 5, 20, 0, 30, tzinfo=dt.UTC)),
            ("dismissed", dt.datetime(2025, 5, 21, 9, 5, 10, tzinfo=dt.UTC)),
        ]
        exported = export_mission(session, session.scalars(select(Mission)).one())
    assert exported["partner_exclusions"] == EXCLUSIONS


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda e: e.update(other="p-99"), "partner_exclusions[0], participant/other: 'p-99' does not exist"),
        (
            lambda e: e.update(other="p-1"),
            "partner_exclusions[0], other: a participant cannot exclude themselves",
        ),
        (
            lambda e: e.update(kind="blocked"),
            "partner_exclusions[0], kind: 'blocked' is not one of dismissed,",
        ),
        (
            lambda e: e.update(created_at="soon"),
            "partner_exclusions[0], created_at: 'soon' is not a date-time",
        ),
    ],
)
def test_a_wrong_exclusion_is_named(change: Any, problem: str) -> None:
    document = small_mission()
    document["partner_exclusions"] = json.loads(json.dumps(EXCLUSIONS[:1]))
    change(document["partner_exclusions"][0])
    problems = [str(p) for p in validate(document)]
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_the_same_exclusion_twice_is_refused() -> None:
    document = small_mission()
    document["partner_exclusions"] = json.loads(json.dumps(EXCLUSIONS[:1] * 2))
    assert [str(p) for p in validate(document)] == [
        "partner_exclusions[1], kind: the same exclusion is listed twice"
    ]
