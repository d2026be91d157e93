"""/api/v1/me/profile: a participant reads and replaces their own profile; 422 names each wrong field."""

from missionmatch.models import Participant
from tests.web.api_client import (
    INVALID_TOKEN,
    PARTICIPANTS_ONLY,
    api,
    errors_of,
    organiser_api,
    participant_api,
)
from tests.web.conftest import World

PATH = "/api/v1/me/profile"
NEW = {
    "language": "ja",
    "offers": " 衛星の修理 ",
    "needs": "地上局",
    "sectors": ["space", "ai", "space"],
    "languages": ["ja", "en"],
}


def test_a_participant_reads_their_profile(world: World) -> None:
    response = participant_api(world, "test-osaka", "p-1").get(PATH)
    assert (response.status_code, response.json()) == (
        200,
        {
            "language": "fr",
            "offers": "Nous exploitons des stations sol.",
            "needs": "Nous cherchons un partenaire pour l'entretien de satellites en orbite.",
            "sectors": ["space"],
            "languages": ["fr", "de", "en"],
        },
    )


def test_an_empty_profile_reads_as_empty(world: World) -> None:
    body = participant_api(world, "test-osaka", "p-4").get(PATH).json()
    assert body == {"language": None, "offers": "", "needs": "", "sectors": [], "languages": ["ja", "en"]}


def test_a_participant_replaces_their_profile(world: World) -> None:
    response = participant_api(world, "test-osaka", "p-4").put(PATH, json=NEW)
    expected = {
        "language": "ja",
        "offers": "衛星の修理",
        "needs": "地上局",
        "sectors": ["space", "ai"],
        "languages": ["ja", "en"],
    }
    assert (response.status_code, response.json()) == (200, expected)
    with world.factory() as session:
        sato = session.get(Participant, world.participant("test-osaka", "p-4").id)
        saved = (sato.profile.offers, sato.profile.sectors, sato.languages)
    assert saved == ("衛星の修理", ["space", "ai"], ["ja", "en"])


def test_every_wrong_field_is_named_and_nothing_is_written(world: World) -> None:
    wrong = {
        "language": "xx",
        "offers": "ok",
        "needs": "n" * 4001,
        "sectors": ["piracy"],
        "languages": ["klingon"],
    }
    response = participant_api(world, "test-osaka", "p-1").put(PATH, json=wrong)
    assert errors_of(response) == ["language", "languages", "needs", "sectors"]
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["needs"] == "must be at most 4000 characters"
    assert messages["sectors"] == "unknown sector code"
    with world.factory() as session:
        anne = session.get(Participant, world.participant("test-osaka", "p-1").id)
        assert (anne.profile.language, anne.profile.offers) == ("fr", "Nous exploitons des stations sol.")


def test_a_missing_or_mistyped_field_is_422(world: World) -> None:
    client = participant_api(world, "test-osaka", "p-1")
    assert errors_of(client.put(PATH, json={"offers": "x"})) == ["language"]
    assert errors_of(client.put(PATH, json={"language": "fr", "sectors": "space"})) == ["sectors"]


def test_without_or_with_a_bad_token_is_401(world: World) -> None:
    for token in (None, "not-a-token"):
        for response in (api(world, token).get(PATH), api(world, token).put(PATH, json=NEW)):
            assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_an_organiser_token_has_no_profile(world: World) -> None:
    response = organiser_api(world).put(PATH, json=NEW)
    assert (response.status_code, response.json()) == (403, PARTICIPANTS_ONLY)
