import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting, Mission, ScheduleVersion
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.mission_import import import_mission
from missionmatch.services.schedule_publish import NothingToPublish, cancel_meeting, publish_schedule
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()  # mails stay in the outbox

NOW = dt.datetime(2025, 5, 20, 12, 0, tzinfo=dt.UTC)


def _drafted(factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["agreements"] = document["feedback"] = []
    document["meetings"] = [
        {
            "key": "m-a",
            "participants": ["p-1", "p-3"],
            "request": "r-1",
            "session": "b2b-1",
            "slot": 0,
            "table": 0,
            "interpreter": "fr-ja",
            "status": "draft",
        },
        {
            "key": "m-b",
            "participants": ["p-2", "p-4"],
            "request": None,
            "session": "b2b-1",
            "slot": 4,
            "table": 1,
            "interpreter": None,
            "status": "draft",
        },
        {
            "key": "m-c",
            "participants": ["p-2", "p-3"],
            "request": None,
            "session": None,
            "slot": None,
            "table": None,
            "interpreter": None,
            "status": "draft",
        },
    ]
    with transaction(factory) as session:
        import_mission(session, document)


def test_first_publication_lists_every_placed_meeting_as_added(session_factory) -> None:
    _drafted(session_factory)
    with transaction(session_factory) as session:
        publication = publish_schedule(
            session, session.scalar(select(Mission)), by="chef@example.lu", now=NOW, mail=MAIL
        )
        assert publication.version.number == 1
        assert [(c["meeting"], c["change"]) for c in publication.version.changelog] == [
            ("m-a", "added"),
            ("m-b", "added"),
        ]
        assert publication.version.snapshot["m-a"] == {
            "session": "b2b-1",
            "slot": 0,
            "starts_at": "2025-05-27T14:00",
            "table": 0,
            "interpreter": "fr-ja",
            "participants": ["p-1", "p-3"],
        }
        assert sorted((p.key, len(c)) for p, c in publication.affected.items()) == [
            ("p-1", 1),
            ("p-2", 1),
            ("p-3", 1),
            ("p-4", 1),
        ]
    with session_factory() as session:
        statuses = {m.key: m.status for m in session.scalars(select(Meeting))}
    # the meeting without a slot stays a draft
    assert statuses == {
        "m-a": MeetingStatus.PUBLISHED,
        "m-b": MeetingStatus.PUBLISHED,
        "m-c": MeetingStatus.DRAFT,
    }


def test_later_publications_report_moves_and_cancellations_only(session_factory) -> None:
    _drafted(session_factory)
    with transaction(session_factory) as session:
        publish_schedule(session, session.scalar(select(Mission)), now=NOW, mail=MAIL)
    with pytest.raises(NothingToPublish), transaction(session_factory) as session:
        publish_schedule(session, session.scalar(select(Mission)), now=NOW, mail=MAIL)
    with transaction(session_factory) as session:
        meetings = {m.key: m for m in session.scalars(select(Meeting))}
        meetings["m-a"].slot = 3
        cancel_meeting(session, meetings["m-b"])
        publication = publish_schedule(
            session, session.scalar(select(Mission)), comment="Anne arrives late", now=NOW, mail=MAIL
        )
        changes = [
            (c["meeting"], c["change"], (c["before"] or {}).get("slot"), (c["after"] or {}).get("slot"))
            for c in publication.version.changelog
        ]
        assert changes == [("m-a", "moved", 0, 3), ("m-b", "cancelled", 4, None)]
        assert sorted(p.key for p in publication.affected) == ["p-1", "p-2", "p-3", "p-4"]
    with session_factory() as session:
        versions = [
            (v.number, v.comment) for v in session.scalars(select(ScheduleVersion).order_by("number"))
        ]
    assert versions == [(1, ""), (2, "Anne arrives late")]
