"""GDPR export and erasure of one participant, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import (
    ApiToken,
    Base,
    Feedback,
    LoginLink,
    Meeting,
    MeetingRequest,
    OutboxMail,
    Participant,
    Profile,
    Recommendation,
    ScheduleVersion,
    Unavailability,
)
from missionmatch.models.enums import RequestStatus
from missionmatch.services.mission_import import import_mission
from missionmatch.services.personal_data import erase_participant, export_personal_data
from tests.factories import small_mission

MAY = dt.datetime(2025, 5, 12, 8, 30, tzinfo=dt.UTC)


def _by_key(session: Session, key: str) -> Participant:
    return session.scalar(select(Participant).where(Participant.key == key))


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The small mission, plus what the web leaves behind: a sign-in link, an API token, recommendations
    both ways, mails to and about Anne, a pending request to her and a published schedule version."""
    with transaction(session_factory) as session:
        mission = import_mission(session, small_mission())
        session.flush()
        anne, yamada, sato = (_by_key(session, k) for k in ("p-1", "p-3", "p-4"))
        later = MAY + dt.timedelta(hours=72)
        session.add_all(
            [
                LoginLink(participant=anne, token_hash="a" * 64, created_at=MAY, expires_at=later),
                ApiToken(token_hash="b" * 64, label="phone", participant=anne, created_at=MAY),
                OutboxMail(
                    mission_id=mission.id,
                    recipient="anne.muller@luxsat.example.lu",
                    subject="Your sign-in link",
                    body="Hello Anne Muller",
                    created_at=MAY,
                ),
                OutboxMail(
                    mission_id=mission.id,
                    recipient="yamada@orbital.example.jp",
                    subject="Anne Muller asks you for a meeting",
                    body="Anne Muller (LuxSat Services) wrote: write to anne.muller@luxsat.example.lu",
                    created_at=MAY,
                ),
                MeetingRequest(
                    mission=mission,
                    requester=sato,
                    recipient=anne,
                    message="Dear Anne Muller, let us meet",
                    created_at=MAY,
                ),
                ScheduleVersion(
                    mission_id=mission.id,
                    number=1,
                    published_at=MAY,
                    published_by="orga@a.lu",
                    snapshot={"m-1": {"participants": ["p-1", "p-3", "p-4"]}},
                    changelog=[{"meeting": "m-1", "change": "added", "after": {"participants": ["p-1"]}}],
                    statistics={"unplaced": ["Anne Muller is busy"]},
                ),
            ]
        )
        for person, candidate in ((anne, yamada), (yamada, anne)):
            session.add(
                Recommendation(
                    mission_id=mission.id,
                    participant=person,
                    candidate=candidate,
                    rank=1,
                    score=0.75,
                    reasons={"offer_profile": candidate.key},
                    embedder="test",
                    created_at=MAY,
                )
            )
    return session_factory


def test_export_lists_every_piece_of_personal_data(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        exported = export_personal_data(session, _by_key(session, "p-1"))
    assert exported == {
        "format": "missionmatch/personal-data-v1",
        "mission": {"name": "Test mission Osaka", "slug": "test-osaka"},
        "participant": {
            "email": "anne.muller@luxsat.example.lu",
            "first_name": "Anne",
            "last_name": "Muller",
            "job_title": "CEO",
            "organisation": "LuxSat Services",
            "side": "delegation",
            "languages": ["fr", "de", "en"],
            "timezone": "Europe/Luxembourg",
            "arrives_at": "2025-05-25T10:00",
            "departs_at": None,
            "checked_in_at": None,
            "min_meetings": 0,
            "max_meetings": 5,
            "hosted_table": None,
        },
        "profile": {
            "language": "fr",
            "offers": "Nous exploitons des stations sol.",
            "needs": "Nous cherchons un partenaire pour l'entretien de satellites en orbite.",
            "sectors": ["space"],
            "keywords": ["ground stations"],
        },
        "unavailability": [
            {"starts_at": "2025-05-27T15:00", "ends_at": "2025-05-27T15:40", "reason": "call"}
        ],
        "programme": [
            {"title": "Business Forum", "starts_at": "2025-05-27T09:00"},
            {"title": "Visit of Kansai Orbital", "starts_at": "2025-05-28T14:00"},
        ],
        "meeting_requests": [
            {
                "direction": "sent",
                "with": "太郎 山田",
                "status": "accepted",
                "priority": 3,
                "message": "Bonjour",
                # an instant (the document's 09:00 in Osaka), unlike the wall times above
                "created_at": "2025-05-10T00:00+00:00",
                "expires_at": "2025-05-20T00:00+00:00",
            },
            {
                "direction": "received",
                "with": "Hanako Sato",
                "status": "pending",
                "priority": 2,
                "message": "Dear Anne Muller, let us meet",
                "created_at": "2025-05-12T08:30+00:00",
                "expires_at": None,
            },
        ],
        "meetings": [
            {
                "with": ["太郎 山田", "Hanako Sato"],
                "status": "published",
                "starts_at": "2025-05-27T14:40",
                "table": 2,
            }
        ],
        "feedback": [{"rating": 5, "comment": "Très utile", "follow_up": "visit"}],
        "recommendations": [{"rank": 1, "partner": "太郎 山田", "score": 0.75}],
        "sign_in_links": [
            {"created_at": "2025-05-12T08:30+00:00", "expires_at": "2025-05-15T08:30+00:00", "used_at": None}
        ],
        "api_tokens": [{"label": "phone", "created_at": "2025-05-12T08:30+00:00", "revoked_at": None}],
        "mails": [
            {
                "subject": "Your sign-in link",
                "body": "Hello Anne Muller",
                "created_at": "2025-05-12T08:30+00:00",
                "sent_at": None,
            }
        ],
    }


def _every_stored_value(session: Session) -> str:
    return "\n".join(
        repr(row) for table in Base.metadata.sorted_tables for row in session.execute(table.select())
    )


def test_after_erasure_name_and_email_are_gone_from_every_table(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        anne = _by_key(session, "p-1")
        anne_id = anne.id
        erase_participant(session, anne)
    with factory() as session:
        stored = _every_stored_value(session)
        erased = session.get(Participant, anne_id)
        person = (erased.first_name, erased.last_name, erased.email, erased.key, erased.job_title)
    for needle in ("Anne", "Muller", "anne.muller@luxsat.example.lu", "'p-1'", "Nous exploitons"):
        assert needle not in stored, needle
    assert person == ("Erased", str(anne_id), f"erased-{anne_id}@invalid", f"erased-{anne_id}", "")
    assert "太郎" in stored and "yamada@orbital.example.jp" in stored  # the others are untouched


def test_erasure_deletes_sign_in_means_and_texts_and_keeps_meetings_for_statistics(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        anne = _by_key(session, "p-1")
        anne_id = anne.id
        erase_participant(session, anne)
    with factory() as session:
        counts = [
            session.scalar(select(func.count()).select_from(model).where(column == anne_id))
            for model, column in (
                (LoginLink, LoginLink.participant_id),
                (ApiToken, ApiToken.participant_id),
                (Profile, Profile.participant_id),
                (Unavailability, Unavailability.participant_id),
                (Recommendation, Recommendation.participant_id),
                (Recommendation, Recommendation.candidate_id),
            )
        ]
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-1"))
        feedback = session.scalar(select(Feedback).where(Feedback.author_id == anne_id))
        involved = (MeetingRequest.requester_id == anne_id) | (MeetingRequest.recipient_id == anne_id)
        requests = {
            "sent" if r.requester_id == anne_id else "received": (r.status, r.message)
            for r in session.scalars(select(MeetingRequest).where(involved))
        }
        mails = [(m.recipient, m.subject, m.body) for m in session.scalars(select(OutboxMail))]
        version = session.scalar(select(ScheduleVersion))
        erased = session.get(Participant, anne_id)
        assert counts == [0, 0, 0, 0, 0, 0]
        assert (meeting.participants[0].id, len(meeting.participants), meeting.status) == (
            anne_id,
            3,
            "published",
        )
        assert (feedback.rating, feedback.comment, feedback.follow_up) == (5, "", "visit")
        assert requests == {
            "sent": (RequestStatus.ACCEPTED, ""),
            "received": (RequestStatus.CANCELLED, f"Dear Erased {anne_id}, let us meet"),
        }
        assert mails == [
            (
                "yamada@orbital.example.jp",
                f"Erased {anne_id} asks you for a meeting",
                f"Erased {anne_id} (LuxSat Services) wrote: write to erased-{anne_id}@invalid",
            )
        ]
        assert version.snapshot == {"m-1": {"participants": [f"erased-{anne_id}", "p-3", "p-4"]}}
        assert version.statistics == {"unplaced": [f"Erased {anne_id} is busy"]}
        assert (erased.erased_at is not None, erased.languages, erased.timezone, erased.arrives_at) == (
            True,
            [],
            None,
            None,
        )
