"""iCalendar agendas parsed back with `icalendar`: instants, time zones, UIDs, SEQUENCE, cancellations."""

import datetime as dt

from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.exports.agenda_ical import agenda_ics
from missionmatch.models import Meeting, Participant
from missionmatch.models.meeting import SETTLED, meeting_attendee
from tests.agenda_world import V1, cancel, document_of, move, published_mission, republish

UTC = dt.UTC


def _calendar(factory: sessionmaker[Session], key: str) -> Calendar:
    return Calendar.from_ical(agenda_ics(document_of(factory, key)))


def _events(calendar: Calendar) -> dict[str, dict]:
    return {
        str(e["uid"]): {
            "start": e.decoded("dtstart").astimezone(UTC),
            "end": e.decoded("dtend").astimezone(UTC),
            "status": str(e["status"]),
            "sequence": int(e["sequence"]),
            "summary": str(e["summary"]),
        }
        for e in calendar.walk("VEVENT")
    }


def test_events_are_the_right_instants_in_utc_with_the_missions_vtimezone(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)
    calendar = _calendar(sqlite_factory, "p-1")
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    events = _events(calendar)
    assert {uid: (e["start"], e["end"]) for uid, e in events.items()} == {
        "programme-forum@test-osaka.missionmatch": (
            dt.datetime(2025, 5, 27, 0, 0, tzinfo=UTC),
            dt.datetime(2025, 5, 27, 3, 0, tzinfo=UTC),
        ),
        "programme-visit-1@test-osaka.missionmatch": (
            dt.datetime(2025, 5, 28, 5, 0, tzinfo=UTC),
            dt.datetime(2025, 5, 28, 7, 0, tzinfo=UTC),
        ),
        "meeting-m-1@test-osaka.missionmatch": (  # 14:40 in Tokyo
            dt.datetime(2025, 5, 27, 5, 40, tzinfo=UTC),
            dt.datetime(2025, 5, 27, 6, 0, tzinfo=UTC),
        ),
    }
    # in Anne's language, the Japanese counterpart family name first
    meeting = events["meeting-m-1@test-osaka.missionmatch"]
    assert meeting["summary"] == (
        "Rendez-vous avec 山田 太郎 (Kansai Orbital KK), Hanako Sato (Kansai Orbital KK)"
    )
    assert (
        "DTSTART;TZID=Asia/Tokyo:20250527T144000" in agenda_ics(document_of(sqlite_factory, "p-1")).decode()
    )


def test_a_mission_with_summer_time_gets_its_daylight_offset(sqlite_factory: sessionmaker[Session]) -> None:
    published_mission(sqlite_factory, timezone="Europe/Luxembourg")
    calendar = _calendar(sqlite_factory, "p-1")
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Luxembourg" and zone.walk("DAYLIGHT")
    start = _events(calendar)["meeting-m-1@test-osaka.missionmatch"]["start"]
    assert start == dt.datetime(2025, 5, 27, 12, 40, tzinfo=UTC)  # 14:40 CEST


def test_one_event_per_occupying_meeting_and_none_for_a_draft(sqlite_factory: sessionmaker[Session]) -> None:
    published_mission(sqlite_factory)
    with sqlite_factory() as session:
        for key in ("p-1", "p-2", "p-3", "p-4"):
            expected = session.scalar(
                select(func.count())
                .select_from(Meeting)
                .join(meeting_attendee)
                .join(Participant, Participant.id == meeting_attendee.c.participant_id)
                .where(Participant.key == key, Meeting.status.in_(SETTLED), Meeting.slot.is_not(None))
            )
            meetings = [u for u in _events(_calendar(sqlite_factory, key)) if u.startswith("meeting-")]
            assert len(meetings) == expected, key
    assert [u for u in _events(_calendar(sqlite_factory, "p-3")) if u.startswith("meeting-")] == [
        "meeting-m-1@test-osaka.missionmatch"  # m-3 is still a draft
    ]


def test_republishing_keeps_the_uids_and_raises_sequence_cancelled_meetings_included(
    session_factory: sessionmaker[Session],
) -> None:
    published_mission(session_factory)
    before = _events(_calendar(session_factory, "p-4"))
    move(session_factory, "m-1", 0)
    cancel(session_factory, "m-2")
    republish(session_factory, V1 + dt.timedelta(days=1))
    after = _events(_calendar(session_factory, "p-4"))
    assert (
        sorted(after)
        == sorted(before)
        == [
            "meeting-m-1@test-osaka.missionmatch",
            "meeting-m-2@test-osaka.missionmatch",
        ]
    )
    m1, m2 = "meeting-m-1@test-osaka.missionmatch", "meeting-m-2@test-osaka.missionmatch"
    assert (before[m1]["sequence"], before[m1]["status"], before[m1]["start"]) == (
        0,
        "CONFIRMED",
        dt.datetime(2025, 5, 27, 5, 40, tzinfo=UTC),
    )
    assert (after[m1]["sequence"], after[m1]["status"], after[m1]["start"]) == (
        1,
        "CONFIRMED",
        dt.datetime(2025, 5, 27, 5, 0, tzinfo=UTC),  # moved to 14:00
    )
    assert (before[m2]["sequence"], before[m2]["status"]) == (0, "CONFIRMED")
    assert (after[m2]["sequence"], after[m2]["status"]) == (1, "CANCELLED")
    stamps = {str(e["dtstamp"].to_ical().decode()) for e in _calendar(session_factory, "p-4").walk("VEVENT")}
    assert stamps == {"20250521T030000Z"}  # the publication of version 2
