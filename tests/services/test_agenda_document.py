"""The agenda document: what the PDF and the iCalendar agendas are made of."""

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from missionmatch.services.agenda_document import MeetingEntry, Person, ProgrammeEntry
from tests.agenda_world import V1, cancel, document_of, move, published_mission, republish

ANNE = Person("p-1", "Anne Muller", "LuxSat Services", "CEO")
YAMADA = Person("p-3", "山田 太郎", "Kansai Orbital KK", "部長")  # profile in Japanese: family name first
SATO = Person("p-4", "Hanako Sato", "Kansai Orbital KK", "Engineer")  # no profile: given name first


def test_anne_sees_her_programme_and_meeting_with_counterparts_company_and_job_title(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)
    document = document_of(sqlite_factory, "p-1")
    assert (document.language, document.mission_zone, document.own_zone) == (
        "fr",
        "Asia/Tokyo",
        "Europe/Luxembourg",
    )
    assert document.participant == ANNE
    assert document.stamp == V1
    assert document.timeline() == [
        ProgrammeEntry(
            "forum",
            "Business Forum",
            dt.datetime(2025, 5, 27, 9),
            dt.datetime(2025, 5, 27, 12),
            "Expo hall, Osaka",
        ),
        MeetingEntry(
            key="m-1",
            starts_at=dt.datetime(2025, 5, 27, 14, 40),
            ends_at=dt.datetime(2025, 5, 27, 15, 0),
            session_name="B2B afternoon",
            venue="Expo hall",
            table=2,
            interpreter="fr-ja",
            counterparts=(YAMADA, SATO),
            cancelled=False,
            sequence=0,
        ),
        ProgrammeEntry(
            "visit-1",
            "Visit of Kansai Orbital",
            dt.datetime(2025, 5, 28, 14),
            dt.datetime(2025, 5, 28, 16),
            "HQ, Kyoto",
        ),
    ]
    assert [day for day, _ in document.days()] == [dt.date(2025, 5, 27), dt.date(2025, 5, 28)]


def test_japanese_participant_reads_in_japanese_in_the_missions_zone_and_drafts_are_left_out(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)
    document = document_of(sqlite_factory, "p-3")  # also in the draft m-3
    assert (document.language, document.own_zone, document.participant) == ("ja", None, YAMADA)
    assert [(m.key, m.counterparts) for m in document.meetings] == [("m-1", (ANNE, SATO))]


def test_sequence_counts_published_changes_and_one_waiting_for_publication(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)

    def sequences() -> dict[str, tuple[int, bool]]:
        return {m.key: (m.sequence, m.cancelled) for m in document_of(sqlite_factory, "p-4").meetings}

    assert sequences() == {"m-1": (0, False), "m-2": (0, False)}
    move(sqlite_factory, "m-1", 0)  # by hand, not yet published: calendars must see it already
    assert sequences() == {"m-1": (1, False), "m-2": (0, False)}
    republish(sqlite_factory, V1 + dt.timedelta(days=1))
    assert sequences() == {"m-1": (1, False), "m-2": (0, False)}
    cancel(sqlite_factory, "m-2")
    assert sequences() == {"m-1": (1, False), "m-2": (1, True)}
    republish(sqlite_factory, V1 + dt.timedelta(days=2))
    assert sequences() == {"m-1": (1, False), "m-2": (1, True)}
    move(sqlite_factory, "m-1", 1)
    republish(sqlite_factory, V1 + dt.timedelta(days=3))
    assert sequences() == {"m-1": (2, False), "m-2": (1, True)}
    assert document_of(sqlite_factory, "p-4").stamp == V1 + dt.timedelta(days=3)


def test_a_cancelled_meeting_stays_in_the_document_but_not_in_the_timeline(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)
    cancel(sqlite_factory, "m-2")
    document = document_of(sqlite_factory, "p-2")
    assert [(m.key, m.cancelled) for m in document.meetings] == [("m-2", True)]
    assert [e.key for e in document.timeline()] == ["forum"]


def test_a_meeting_cancelled_before_it_was_ever_published_is_left_out(
    sqlite_factory: sessionmaker[Session],
) -> None:
    published_mission(sqlite_factory)
    cancel(sqlite_factory, "m-3")  # a draft nobody was told about
    assert [m.key for m in document_of(sqlite_factory, "p-3").meetings] == ["m-1"]
