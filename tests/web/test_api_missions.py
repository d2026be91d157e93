"""/api/v1/missions/{slug}/programme and /sessions: organisers of the mission only; others get the same 404
as for a mission that does not exist."""

import pytest
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Participant, ProgrammeItem
from missionmatch.services.programme_setup import register
from tests.web.api_client import INVALID_TOKEN, ORGANISERS_ONLY, api, organiser_api, participant_api
from tests.web.conftest import World

PATHS = ["/api/v1/missions/test-osaka/programme", "/api/v1/missions/test-osaka/sessions"]
MISSING = {"detail": "mission not found"}


def test_programme_items_in_time_order_with_registrations_and_waiting_lists(world: World) -> None:
    anne, jonas, yamada, sato = (world.participant("test-osaka", k).id for k in ("p-1", "p-2", "p-3", "p-4"))
    with transaction(world.factory) as session:  # the visit has 2 places: Anne and one more
        mission_id = session.get(Participant, anne).mission_id
        query = select(ProgrammeItem).where(
            ProgrammeItem.key == "visit-1", ProgrammeItem.mission_id == mission_id
        )
        visit = session.scalars(query).one()
        register(session, visit, [session.get(Participant, i) for i in (sato, jonas, yamada)])
    response = organiser_api(world).get(PATHS[0])
    body = response.json()
    assert response.status_code == 200
    assert [{k: v for k, v in item.items() if k != "id"} for item in body] == [
        {
            "key": "forum",
            "kind": "forum",
            "title": "Business Forum",
            "title_i18n": {"en": "Business Forum"},
            "sector": None,
            "city": "Osaka",
            "venue": "Expo hall",
            "venue_i18n": {"en": "Expo hall"},
            "address": "Yumeshima",
            "starts_at": "2025-05-27T09:00:00+09:00",
            "ends_at": "2025-05-27T12:00:00+09:00",
            "capacity": 200,
            "participant_ids": [anne, jonas],
            "waiting_ids": [],
        },
        {
            "key": "visit-1",
            "kind": "company_visit",
            "title": "Visit of Kansai Orbital",
            "title_i18n": {"en": "Visit of Kansai Orbital"},
            "sector": "space",
            "city": "Kyoto",
            "venue": "HQ",
            "venue_i18n": {"en": "HQ"},
            "address": "Kyoto Research Park",
            "starts_at": "2025-05-28T14:00:00+09:00",
            "ends_at": "2025-05-28T16:00:00+09:00",
            "capacity": 2,
            "participant_ids": [anne, sato],
            "waiting_ids": [jonas, yamada],
        },
    ]


def test_sessions_with_slot_times_breaks_tables_and_interpreters(world: World) -> None:
    body = organiser_api(world).get(PATHS[1]).json()
    times = [
        ("14:00", "14:20"),
        ("14:20", "14:40"),
        ("14:40", "15:00"),
        ("15:20", "15:40"),  # a 20-minute break after the third slot
        ("15:40", "16:00"),
        ("16:00", "16:20"),
    ]
    assert [{k: v for k, v in s.items() if k != "id"} for s in body] == [
        {
            "key": "b2b-1",
            "name": "B2B afternoon",
            "name_i18n": {"en": "B2B afternoon"},
            "city": "Osaka",
            "venue": "Expo hall",
            "venue_i18n": {"en": "Expo hall"},
            "tables": 4,
            "seats": 4,
            "slot_minutes": 20,
            "slots": [
                {"index": i, "starts_at": f"2025-05-27T{a}:00+09:00", "ends_at": f"2025-05-27T{b}:00+09:00"}
                for i, (a, b) in enumerate(times)
            ],
            "interpreters": [{"languages": "fr-ja", "count": 1}],
        }
    ]


@pytest.mark.parametrize("path", PATHS)
def test_another_organisers_mission_is_404_like_a_missing_one(world: World, path: str) -> None:
    client = organiser_api(world, "orga@b.lu")
    for response in (client.get(path), client.get(path.replace("test-osaka", "no-such-mission"))):
        assert (response.status_code, response.json()) == (404, MISSING)


@pytest.mark.parametrize("path", PATHS)
def test_participants_get_403_and_no_token_401(world: World, path: str) -> None:
    response = participant_api(world, "test-osaka", "p-1").get(path)
    assert (response.status_code, response.json()) == (403, ORGANISERS_ONLY)
    for token in (None, "not-a-token"):
        response = api(world, token).get(path)
        assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_texts_in_the_callers_language_with_every_language(world: World) -> None:
    with transaction(world.factory) as session:
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == "forum"))
        assert item is not None
        item.title = {"en": "Business Forum", "ja": "ビジネスフォーラム"}
    client = organiser_api(world)
    item_ja = client.get(PATHS[0], headers={"accept-language": "ja"}).json()[0]
    item_fr = client.get(PATHS[0], headers={"accept-language": "fr"}).json()[0]
    assert (item_ja["title"], item_fr["title"]) == ("ビジネスフォーラム", "Business Forum")  # fr: none, en
    assert item_ja["title_i18n"] == {"en": "Business Forum", "ja": "ビジネスフォーラム"}
    missions = client.get("/api/v1/missions", headers={"accept-language": "ja"}).json()
    assert [(m["name"], m["name_i18n"]) for m in missions if m["slug"] == "test-osaka"] == [
        ("Test mission Osaka", {"en": "Test mission Osaka"})
    ]


def _forum_id(world: World) -> int:
    with world.factory() as session:
        found = session.scalar(select(ProgrammeItem.id).where(ProgrammeItem.key == "forum"))
        assert found is not None
        return found


def test_texts_are_set_from_a_map_or_a_plain_string(world: World) -> None:
    client, path = organiser_api(world), f"/api/v1/missions/test-osaka/programme/{_forum_id(world)}/texts"
    response = client.put(path, json={"title": {"en": "Business Forum", "fr": "Forum d’affaires"}})
    assert (response.status_code, response.json()["title_i18n"]) == (
        200,
        {"en": "Business Forum", "fr": "Forum d’affaires"},
    )
    # a plain string is the mission's first language (en): the French text stays
    body = client.put(
        path, json={"title": "Business forum", "venue": "Hall A"}, headers={"accept-language": "fr"}
    )
    assert {k: body.json()[k] for k in ("title", "title_i18n", "venue", "venue_i18n")} == {
        "title": "Forum d’affaires",
        "title_i18n": {"en": "Business forum", "fr": "Forum d’affaires"},
        "venue": "Hall A",
        "venue_i18n": {"en": "Hall A"},
    }


def test_texts_that_cannot_be_stored_are_named(world: World) -> None:
    client, path = organiser_api(world), f"/api/v1/missions/test-osaka/programme/{_forum_id(world)}/texts"
    response = client.put(path, json={"title": {"en": " "}, "venue": {"ja": "x" * 201}})
    # each field named, for both of its shapes (a text, a map language -> text)
    assert sorted({e["field"].split(".")[0] for e in response.json()["errors"]}) == ["title", "venue"]
    assert response.status_code == 422
    with world.factory() as session:
        forum = session.get(ProgrammeItem, _forum_id(world))
        assert forum is not None and forum.title.texts == {"en": "Business Forum"}  # nothing written
    assert client.put("/api/v1/missions/test-osaka/programme/999999/texts", json={}).json() == {
        "detail": "programme item not found"
    }
    assert participant_api(world, "test-osaka", "p-1").put(path, json={}).json() == ORGANISERS_ONLY
