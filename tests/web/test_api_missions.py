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
            "sector": None,
            "city": "Osaka",
            "venue": "Expo hall",
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
            "sector": "space",
            "city": "Kyoto",
            "venue": "HQ",
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
            "city": "Osaka",
            "venue": "Expo hall",
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
