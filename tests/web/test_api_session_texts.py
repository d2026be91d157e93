"""PUT /api/v1/missions/{slug}/sessions/{session_id}/texts: a B2B session's name and venue in several
languages, through real HTTP."""

from sqlalchemy import select

from missionmatch.models import B2BSession
from tests.web.api_client import ORGANISERS_ONLY, organiser_api, participant_api
from tests.web.conftest import World


def _session(world: World) -> B2BSession:
    with world.factory() as session:
        b2b = session.scalar(select(B2BSession).where(B2BSession.key == "b2b-1"))
        assert b2b is not None
        session.expunge(b2b)
        return b2b


def _path(world: World) -> str:
    return f"/api/v1/missions/test-osaka/sessions/{_session(world).id}/texts"


def test_session_texts_are_set_from_a_map_or_a_plain_string(world: World) -> None:
    client, path = organiser_api(world), _path(world)
    names = {"en": "B2B afternoon", "fr": "Après-midi B2B", "ja": "B2Bの午後"}
    response = client.put(path, json={"name": names}, headers={"accept-language": "ja"})
    assert (response.status_code, response.json()["name"], response.json()["name_i18n"]) == (
        200,
        "B2Bの午後",
        names,
    )
    # a plain string is the mission's first language (en): the French and Japanese names stay
    body = client.put(
        path,
        json={"name": "B2B meetings", "venue": {"en": "Expo hall", "fr": "Hall d’exposition"}},
        headers={"accept-language": "fr"},
    ).json()
    assert {k: body[k] for k in ("name", "name_i18n", "venue", "venue_i18n")} == {
        "name": "Après-midi B2B",
        "name_i18n": {"en": "B2B meetings", "fr": "Après-midi B2B", "ja": "B2Bの午後"},
        "venue": "Hall d’exposition",
        "venue_i18n": {"en": "Expo hall", "fr": "Hall d’exposition"},
    }
    listed = client.get("/api/v1/missions/test-osaka/sessions", headers={"accept-language": "ja"}).json()
    assert [(s["name"], s["venue"]) for s in listed] == [("B2Bの午後", "Expo hall")]


def test_session_texts_that_cannot_be_stored_are_named_and_nothing_is_written(world: World) -> None:
    client, path = organiser_api(world), _path(world)
    response = client.put(path, json={"name": " ", "venue": {"ja": "x" * 201}})
    assert response.status_code == 422
    assert sorted({e["field"].split(".")[0] for e in response.json()["errors"]}) == ["name", "venue"]
    # a map with no language passes the body's shape; the service refuses a session left without a name
    nameless = client.put(path, json={"name": {}, "venue": "Hall B"})
    assert (nameless.status_code, nameless.json()["errors"]) == (
        422,
        [{"field": "name", "message": "is required: a text in at least one language"}],
    )
    b2b = _session(world)
    assert (b2b.name_i18n, b2b.venue_plain) == ({"en": "B2B afternoon"}, "Expo hall")
    assert client.put("/api/v1/missions/test-osaka/sessions/999999/texts", json={}).json() == {
        "detail": "session not found"
    }
    assert participant_api(world, "test-osaka", "p-1").put(path, json={}).json() == ORGANISERS_ONLY
