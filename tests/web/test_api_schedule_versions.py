"""/api/v1/missions/{slug}/schedule/versions: the versions with their changes, as data and in words."""

from tests.web.api_client import organiser_api, participant_api
from tests.web.conftest import World
from tests.web.test_schedule_versions_page import PAIR, _three_versions

URL = "/api/v1/missions/test-osaka/schedule/versions"


def _ids(world: World, *keys: str) -> list[int]:
    return [world.participant("test-osaka", k).id for k in keys]


def test_every_version_with_its_changes_newest_first(world: World) -> None:
    _three_versions(world)
    response = organiser_api(world).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["timezone"] == "Asia/Tokyo"
    assert [v["number"] for v in body["versions"]] == [3, 2, 1]
    latest = body["versions"][0]
    assert (latest["published_at"], latest["published_by"], latest["comment"]) == (
        "2025-05-26T01:00:00Z",
        "orga@a.lu",
        "Anne arrives late",
    )
    people = _ids(world, "p-1", "p-3", "p-4")
    assert latest["changes"] == [
        {
            "meeting": "m-1",
            "change": "moved",
            "text": f"{PAIR}: moved from 2:40\u202fPM, table 2 to 2:00\u202fPM, table 2",
            "before": {
                "session": "b2b-1",
                "slot": 2,
                "starts_at": "2025-05-27T14:40:00+09:00",
                "table_number": 2,
                "participant_ids": people,
            },
            "after": {
                "session": "b2b-1",
                "slot": 0,
                "starts_at": "2025-05-27T14:00:00+09:00",
                "table_number": 2,
                "participant_ids": people,
            },
        }
    ]
    first = body["versions"][2]["changes"]
    assert [(c["meeting"], c["change"], c["before"]) for c in first] == [("m-1", "added", None)]


def test_the_words_follow_the_accept_language(world: World) -> None:
    _three_versions(world)
    response = organiser_api(world).get(URL, headers={"Accept-Language": "ja"})
    texts = [c["text"] for v in response.json()["versions"] for c in v["changes"]]
    assert texts[0] == f"{PAIR}：14:40、テーブル 2 から 14:00、テーブル 2 へ変更"


def test_none_before_the_first_publication_and_organisers_of_the_mission_only(world: World) -> None:
    assert organiser_api(world).get(URL).json() == {"timezone": "Asia/Tokyo", "versions": []}
    assert organiser_api(world, "orga@b.lu").get(URL).status_code == 404
    assert participant_api(world, "test-osaka", "p-1").get(URL).status_code == 403
