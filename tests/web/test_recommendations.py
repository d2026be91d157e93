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
    assert (
        "軌道上の衛星の点検と修理を行います。" in page and "Shared sectors: Space" in page
    )  # the name, not the code


def test_recommendations_of_someone_else_are_not_shown(world: World) -> None:
    _recommend(world, "p-2", "p-3", 1)
    page = world.as_participant("test-osaka", "p-1").get("/me/recommendations").text
    assert "No recommendation yet" in page and "太郎 山田" not in page


def test_a_card_is_dismissed_or_marked_not_interested_and_both_undone(world: World) -> None:
    _recommend(world, "p-1", "p-3", 1)
    _recommend(world, "p-1", "p-4", 2)
    yamada, sato = world.participant("test-osaka", "p-3"), world.participant("test-osaka", "p-4")
    anne = world.as_participant("test-osaka", "p-1")
    page = anne.get("/me/recommendations?view=people").text
    assert f'action="/me/partners/{yamada.id}/dismiss"' in page
    assert "No more good matches" in page  # two listed of ten
    page_path = "/me/recommendations?view=people"
    assert anne.submit(f"/me/partners/{yamada.id}/dismiss", page=page_path).status_code == 303
    assert anne.submit(f"/me/partners/{sato.id}/not-interested", page=page_path).status_code == 303
    page = anne.get(page_path).text
    assert f'action="/me/partners/{yamada.id}/dismiss">' not in page  # the undo form has a class
    assert "<h2>Dismissed</h2>" in page and "<h2>Not interested (this campaign)</h2>" in page
    refused = anne.submit("/me/requests", {"recipient_id": sato.id}, page="/me/requests")
    assert refused.status_code == 409 and "You marked this person as not interested" in refused.text
    undo = {"undo": "true"}
    assert anne.submit(f"/me/partners/{sato.id}/not-interested", undo, page=page_path).status_code == 303
    page = anne.get(page_path).text
    assert f'action="/me/partners/{sato.id}/dismiss">' in page
    assert "Not interested (this campaign)" not in page
    assert anne.submit("/me/requests", {"recipient_id": sato.id}, page="/me/requests").status_code == 303
    jonas = world.participant("test-osaka", "p-2")
    assert anne.submit(f"/me/partners/{jonas.id}/dismiss", page=page_path).status_code == 404  # same side
    assert anne.submit(f"/me/partners/{sato.id}/ignore", page=page_path).status_code == 404
