"""Participant recommendations: own rows only, best first, with the matcher's reasons."""

import datetime as dt

from missionmatch.models import Recommendation
from tests.web.conftest import World

REASONS = {
    "my_need_answered": {
        "need": "un partenaire pour l'entretien de satellites",
        "need_language": "fr",
        "offer": "軌道上の衛星の点検と修理を行います。",
        "offer_language": "ja",
        "offer_profile": "p-3",
        "similarity": 0.8,
    },
    "their_need_answered": None,
    "shared_sectors": ["space"],
    "language_path": "fr-ja interpreter",
}


def _recommend(world: World, who: str, whom: str, rank: int) -> None:
    person, candidate = world.participant("test-osaka", who), world.participant("test-osaka", whom)
    with world.factory.begin() as session:
        session.add(
            Recommendation(
                mission_id=person.mission_id,
                participant_id=person.id,
                candidate_id=candidate.id,
                rank=rank,
                score=1.0 / rank,
                reasons=REASONS,
                embedder="test",
                created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
            )
        )


def test_recommendations_show_reasons_best_first(world: World) -> None:
    _recommend(world, "p-1", "p-4", 2)
    _recommend(world, "p-1", "p-3", 1)
    _recommend(world, "p-2", "p-3", 1)
    page = world.as_participant("test-osaka", "p-1").get("/me/recommendations").text
    assert page.index("太郎 山田") < page.index("Hanako Sato")
    assert "軌道上の衛星の点検と修理を行います。" in page and "Shared sectors: space" in page


def test_recommendations_of_someone_else_are_not_shown(world: World) -> None:
    _recommend(world, "p-2", "p-3", 1)
    page = world.as_participant("test-osaka", "p-1").get("/me/recommendations").text
    assert "No recommendation yet" in page and "太郎 山田" not in page
