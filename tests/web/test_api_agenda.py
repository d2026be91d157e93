"""/api/v1/me/agenda: programme items and published meetings (slot times, table, interpreter) in order."""

from missionmatch.db import transaction
from missionmatch.models import Meeting
from missionmatch.models.enums import MeetingStatus
from tests.web.api_client import (
    INVALID_TOKEN,
    PARTICIPANTS_ONLY,
    api,
    meeting_id,
    organiser_api,
    participant_api,
)
from tests.web.conftest import World

PATH = "/api/v1/me/agenda"


def _people(world: World, *keys: str) -> list[dict]:
    names = {
        "p-1": ("Anne Muller", "LuxSat Services", "delegation"),
        "p-3": ("太郎 山田", "Kansai Orbital KK", "host"),
        "p-4": ("Hanako Sato", "Kansai Orbital KK", "host"),
    }
    return [
        {"id": world.participant("test-osaka", k).id, "name": n, "organisation": o, "side": s}
        for k in keys
        for n, o, s in [names[k]]
    ]


def test_agenda_lists_programme_and_published_meetings_in_time_order(world: World) -> None:
    response = participant_api(world, "test-osaka", "p-1").get(PATH)
    programme = {"table_number": None, "interpreter": None, "meeting_id": None, "people": []}
    assert response.status_code == 200
    assert response.json() == {
        "timezone": "Asia/Tokyo",
        "entries": [
            {
                "kind": "programme",
                "starts_at": "2025-05-27T09:00:00+09:00",
                "ends_at": "2025-05-27T12:00:00+09:00",
                "title": "Business Forum",
                "place": "Expo hall, Osaka",
                **programme,
            },
            {
                "kind": "meeting",
                "starts_at": "2025-05-27T14:40:00+09:00",
                "ends_at": "2025-05-27T15:00:00+09:00",
                "title": "太郎 山田 (Kansai Orbital KK), Hanako Sato (Kansai Orbital KK)",
                "place": "Expo hall",
                "table_number": 2,
                "interpreter": "fr-ja",
                "meeting_id": meeting_id(world, "test-osaka"),
                "people": _people(world, "p-3", "p-4"),
            },
            {
                "kind": "programme",
                "starts_at": "2025-05-28T14:00:00+09:00",
                "ends_at": "2025-05-28T16:00:00+09:00",
                "title": "Visit of Kansai Orbital",
                "place": "HQ, Kyoto",
                **programme,
            },
        ],
        "unscheduled": [],
    }


def test_a_draft_placement_is_not_shown_but_listed_as_unscheduled(world: World) -> None:
    with transaction(world.factory) as session:
        session.get(Meeting, meeting_id(world, "test-osaka")).status = MeetingStatus.DRAFT
    body = participant_api(world, "test-osaka", "p-3").get(PATH).json()
    assert body["entries"] == []
    assert body["unscheduled"] == [
        {
            "kind": "meeting",
            "starts_at": None,
            "ends_at": None,
            "title": "Anne Muller (LuxSat Services), Hanako Sato (Kansai Orbital KK)",
            "place": "",
            "table_number": None,
            "interpreter": None,
            "meeting_id": None,
            "people": _people(world, "p-1", "p-4"),
        }
    ]


def test_the_agenda_is_only_the_callers(world: World) -> None:
    # Jonas has only the forum: nothing of Anne's meeting or visit leaks into his agenda
    body = participant_api(world, "test-osaka", "p-2").get(PATH).json()
    assert [e["title"] for e in body["entries"]] == ["Business Forum"]


def test_without_or_with_a_bad_token_is_401_and_organisers_403(world: World) -> None:
    for token in (None, "not-a-token"):
        response = api(world, token).get(PATH)
        assert (response.status_code, response.json()) == (401, INVALID_TOKEN)
    response = organiser_api(world).get(PATH)
    assert (response.status_code, response.json()) == (403, PARTICIPANTS_ONLY)
