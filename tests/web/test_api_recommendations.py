"""/api/v1/me/recommendations: my stored recommendations, best first, with the matcher's reasons."""

from tests.web.api_client import INVALID_TOKEN, PARTICIPANTS_ONLY, api, organiser_api, participant_api
from tests.web.conftest import World
from tests.web.test_recommendations import REASONS, _recommend

PATH = "/api/v1/me/recommendations"
ORBITAL = "Kansai Orbital KK"


def test_recommendations_best_first_with_reasons(world: World) -> None:
    _recommend(world, "p-1", "p-4", 2)
    _recommend(world, "p-1", "p-3", 1)
    _recommend(world, "p-2", "p-3", 1)  # someone else's: never in mine
    response = participant_api(world, "test-osaka", "p-1").get(PATH)
    yamada, sato = world.participant("test-osaka", "p-3"), world.participant("test-osaka", "p-4")
    assert (response.status_code, response.json()) == (
        200,
        [
            {
                "rank": 1,
                "score": 1.0,
                "candidate": {"id": yamada.id, "name": "太郎 山田", "organisation": ORBITAL, "side": "host"},
                "suggested_meeting": False,
                "reasons": REASONS,
            },
            {
                "rank": 2,
                "score": 0.5,
                "candidate": {"id": sato.id, "name": "Hanako Sato", "organisation": ORBITAL, "side": "host"},
                "suggested_meeting": False,
                "reasons": REASONS,
            },
        ],
    )


def test_no_recommendation_is_an_empty_list(world: World) -> None:
    _recommend(world, "p-2", "p-3", 1)
    assert participant_api(world, "test-osaka", "p-1").get(PATH).json() == []


def test_without_or_with_a_bad_token_is_401_and_organisers_403(world: World) -> None:
    for token in (None, "not-a-token"):
        response = api(world, token).get(PATH)
        assert (response.status_code, response.json()) == (401, INVALID_TOKEN)
    response = organiser_api(world).get(PATH)
    assert (response.status_code, response.json()) == (403, PARTICIPANTS_ONLY)
