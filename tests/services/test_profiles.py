"""Profile checks name each wrong field; saving drops duplicates and strips the texts."""

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Participant
from missionmatch.services import profiles
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
        yield session


def test_every_wrong_field_is_named() -> None:
    long = "x" * (profiles.MAX_TEXT + 1)
    assert profiles.profile_problems("xx", long, long, ["space", "piracy"], ["ja", "klingon"]) == {
        "language": "language",
        "offers": "length",
        "needs": "length",
        "sectors": "sectors",
        "languages": "language",
    }
    assert profiles.profile_problems("ja", "x" * profiles.MAX_TEXT, "", ["space"], ["ja"]) == {}


def test_saving_creates_a_profile_without_duplicates(session: Session) -> None:
    sato = session.scalar(select(Participant).where(Participant.key == "p-4"))
    chosen = {"sectors": ["ai", "ai"], "spoken": ["ja", "ja", "fr"]}
    profiles.save_profile(session, sato, language="ja", offers=" ロボット ", needs="", **chosen)
    session.expire_all()
    sato = session.scalar(select(Participant).where(Participant.key == "p-4"))
    assert (sato.profile.language, sato.profile.offers, sato.profile.sectors, sato.languages) == (
        "ja",
        "ロボット",
        ["ai"],
        ["ja", "fr"],
    )
