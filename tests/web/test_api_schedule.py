"""/api/v1/missions/{slug}/schedule...: read the schedule, run the matcher and the scheduler, publish, replan,
as the schedule page does; organisers of the mission only; the time limit is validated."""

from pathlib import Path

import pytest
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Meeting, OutboxMail, Recommendation, ScheduleVersion, Unavailability
from missionmatch.models.enums import MeetingStatus
from tests.web.api_client import (
    INVALID_TOKEN,
    ORGANISERS_ONLY,
    api,
    errors_of,
    meeting_id,
    organiser_api,
    participant_api,
)
from tests.web.conftest import World
from tests.web.test_schedule_pages import _accept_pending_request

BASE = "/api/v1/missions/test-osaka"
MISSING = {"detail": "mission not found"}
NOTHING_TO_PUBLISH = {"detail": "nothing changed since the last publication"}
ENDPOINTS = [
    ("get", "/schedule", None),
    ("post", "/matching/run", None),
    ("post", "/schedule/run", {"time_limit": 5}),
    ("post", "/schedule/publish", {}),
    ("post", "/schedule/replan", {"time_limit": 5}),
]


def _ids(world: World, *keys: str) -> list[int]:
    return [world.participant("test-osaka", k).id for k in keys]


def test_the_published_schedule_with_slot_times_tables_and_people(world: World) -> None:
    response = organiser_api(world).get(f"{BASE}/schedule")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] is None  # imported as published, never released from the application
    assert body["counts"] == {"draft": 0, "published": 1, "cancelled": 0, "held": 0, "no_show": 0}
    assert body["meetings"] == [
        {
            "id": meeting_id(world, "test-osaka"),
            "key": "m-1",
            "status": "published",
            "session": "b2b-1",
            "slot": 2,
            "starts_at": "2025-05-27T14:40:00+09:00",
            "ends_at": "2025-05-27T15:00:00+09:00",
            "table_number": 2,
            "interpreter": "fr-ja",
            "participant_ids": _ids(world, "p-1", "p-3", "p-4"),
            "request_id": body["meetings"][0]["request_id"],
        }
    ]
    assert isinstance(body["meetings"][0]["request_id"], int)


def test_run_the_scheduler_then_publish_and_publish_again(world: World) -> None:
    _accept_pending_request(world)  # Jonas → Hanako
    client = organiser_api(world)
    run = client.post(f"{BASE}/schedule/run", json={"time_limit": 5})
    assert (run.status_code, run.headers["location"]) == (202, "/api/v1/jobs/1")
    job = client.get(run.headers["location"]).json()  # done: the queue runs jobs at once in tests
    assert (job["kind"], job["mission"], job["state"], job["requested_by"]) == (
        "schedule",
        "test-osaka",
        "done",
        "orga@a.lu",
    )
    report = job["result"]
    counts = [report[k] for k in ("wanted", "placed", "weight_wanted", "weight_placed", "unplaced")]
    assert counts == [1, 1, 11, 11, {}]
    sessions = [(s["session"], s["placed"], s["interpreters_used"]) for s in report["sessions"]]
    assert sessions == [("b2b-1", 1, {})]
    schedule = client.get(f"{BASE}/schedule").json()
    draft = [m for m in schedule["meetings"] if m["status"] == "draft"]
    assert [(m["key"], m["participant_ids"], m["interpreter"]) for m in draft] == [
        ("m-r-2", _ids(world, "p-2", "p-4"), None)
    ]
    published = client.post(f"{BASE}/schedule/publish", json={"comment": " first release "})
    assert published.status_code == 200
    body = published.json()
    assert (body["number"], body["comment"]) == (1, "first release")
    assert [(c["meeting"], c["change"]) for c in body["changes"]] == [("m-1", "added"), ("m-r-2", "added")]
    assert body["notified"] == sorted(_ids(world, "p-1", "p-2", "p-3", "p-4"))
    assert client.get(f"{BASE}/schedule").json()["version"]["number"] == 1
    with world.factory() as session:
        assert len(session.scalars(select(OutboxMail)).all()) == 4
        assert session.scalar(select(ScheduleVersion.published_by)) == "orga@a.lu"
    again = client.post(f"{BASE}/schedule/publish", json={})
    assert (again.status_code, again.json()) == (409, NOTHING_TO_PUBLISH)


def test_replan_reports_what_moved(world: World) -> None:
    client = organiser_api(world)
    response = client.post(f"{BASE}/schedule/replan", json={"time_limit": 5})
    assert response.status_code == 202
    expected = {"kept": 1, "moved": [], "dropped": [], "added": [], "changes": [], "in_words": []}
    assert client.get(response.headers["location"]).json()["result"] == expected


def test_run_the_matcher(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSIONMATCH_CACHE_DIR", str(tmp_path))
    with transaction(world.factory) as session:  # Anne and Yamada no longer meet: they may be recommended
        session.get(Meeting, meeting_id(world, "test-osaka")).status = MeetingStatus.CANCELLED
    client = organiser_api(world)
    response = client.post(f"{BASE}/matching/run")
    assert response.status_code == 202
    # p-4 has no profile; Jonas (de, en) and Yamada (ja) share no language and there is no de-ja interpreter
    assert client.get(response.headers["location"]).json()["result"] == {
        "profiles": 3,
        "recommendations": 2,
        "suggested_meetings": 1,
        "skipped_empty": 1,
        "embedder": "combo",
    }
    with world.factory() as session:
        rows = session.scalars(select(Recommendation))
        pairs = [(r.participant.key, r.candidate.key, r.rank) for r in rows]
    assert sorted(pairs) == [("p-1", "p-3", 1), ("p-3", "p-1", 1)]


@pytest.mark.parametrize("limit", [0.5, 121, "soon"])
def test_a_time_limit_out_of_range_is_422(world: World, limit: object) -> None:
    client = organiser_api(world)
    assert errors_of(client.post(f"{BASE}/schedule/run", json={"time_limit": limit})) == ["time_limit"]
    assert errors_of(client.post(f"{BASE}/schedule/replan", json={"time_limit": limit})) == ["time_limit"]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_another_organiser_gets_404_like_a_missing_mission(
    world: World, method: str, path: str, body: dict | None
) -> None:
    client = organiser_api(world, "orga@b.lu")
    for base in (BASE, "/api/v1/missions/no-such-mission"):
        response = client.request(method, f"{base}{path}", json=body)
        assert (response.status_code, response.json()) == (404, MISSING)
    with world.factory() as session:
        assert session.scalar(select(ScheduleVersion)) is None


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_participants_get_403_and_no_token_401(
    world: World, method: str, path: str, body: dict | None
) -> None:
    response = participant_api(world, "test-osaka", "p-1").request(method, f"{BASE}{path}", json=body)
    assert (response.status_code, response.json()) == (403, ORGANISERS_ONLY)
    for token in (None, "not-a-token"):
        response = api(world, token).request(method, f"{BASE}{path}", json=body)
        assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_a_replan_result_gives_each_change_as_data_and_in_words(world: World) -> None:
    client = organiser_api(world)
    with transaction(world.factory) as session:  # Hanako cannot make m-1's slot any more
        meeting = session.get(Meeting, meeting_id(world, "test-osaka"))
        start, end = meeting.session.slot_times()[meeting.slot]
        hanako = next(p for p in meeting.participants if p.key == "p-4")
        hanako.unavailability.append(Unavailability(starts_at=start, ends_at=end, reason="visit"))
    response = client.post(f"{BASE}/schedule/replan", json={"time_limit": 5})
    result = client.get(response.headers["location"], headers={"Accept-Language": "fr"}).json()["result"]
    [change] = result["changes"]
    assert (change["meeting"], change["change"], change["before"]["starts_at"]) == (
        "m-1",
        "moved",
        "2025-05-27T14:40:00+09:00",
    )
    [words] = result["in_words"]
    pair = "Anne Muller (LuxSat Services) – 太郎 山田 (Kansai Orbital KK) – Hanako Sato (Kansai Orbital KK)"
    assert words.startswith(f"{pair} : déplacé de 14:40, table 2 à ")
    assert words.endswith(change["after"]["starts_at"][11:16] + ", table 2")
