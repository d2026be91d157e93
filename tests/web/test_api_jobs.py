"""/api/v1/jobs: a run answers 202 with its job at once (Location), the job is read and cancelled by its URL;
organisers of the mission only. A queue on SQLite storage with no worker keeps the jobs waiting."""

from pathlib import Path

from fastapi.testclient import TestClient

from missionmatch.tasks.queue import build_queue
from missionmatch.web.app import create_app
from tests.web.api_client import ORGANISERS_ONLY, api
from tests.web.conftest import World

BASE = "/api/v1/missions/test-osaka"
JOB_NOT_FOUND = {"detail": "job not found"}


def _client(world: World, tmp_path: Path, token: str) -> TestClient:
    queue = build_queue(world.factory, f"sqlite:///{tmp_path / 'queue.db'}")
    app = create_app(world.factory, world.settings, queue)
    return TestClient(app, headers={"authorization": f"Bearer {token}"})


def test_a_run_answers_202_with_its_job_then_is_cancelled(world: World, tmp_path: Path) -> None:
    client = _client(world, tmp_path, world.api_token(organiser="orga@a.lu"))
    world_token = world.api_token(organiser="orga@b.lu")  # the other mission's organiser
    run = client.post(f"{BASE}/schedule/run", json={"time_limit": 3, "include_suggested": True})
    assert (run.status_code, run.headers["location"]) == (202, "/api/v1/jobs/1")
    body = run.json()
    assert {k: body[k] for k in ("id", "url", "kind", "mission", "state", "stage", "result", "error")} == {
        "id": 1,
        "url": "/api/v1/jobs/1",
        "kind": "schedule",
        "mission": "test-osaka",
        "state": "queued",
        "stage": "",
        "result": None,
        "error": "",
    }
    assert body["created_at"].endswith("Z") and body["started_at"] is None
    assert client.get("/api/v1/jobs/1").json() == body
    busy = client.post(f"{BASE}/schedule/replan", json={})
    assert (busy.status_code, busy.headers["location"]) == (409, "/api/v1/jobs/1")
    assert busy.json() == {"detail": "a scheduler or replanning job of this mission is queued (job 1)"}
    cancelled = client.delete("/api/v1/jobs/1")
    assert cancelled.status_code == 200
    assert (cancelled.json()["state"], cancelled.json()["cancel_requested"]) == ("cancelled", True)
    assert client.post("/api/v1/jobs/1/cancel").json()["state"] == "cancelled"  # finished: left as it is
    again = client.post(f"{BASE}/schedule/replan", json={"time_limit": 2})
    assert (again.status_code, again.json()["kind"]) == (202, "replan")
    stranger = TestClient(client.app, headers={"authorization": f"Bearer {world_token}"})
    assert (stranger.get("/api/v1/jobs/1").status_code, stranger.get("/api/v1/jobs/1").json()) == (
        404,
        JOB_NOT_FOUND,
    )


def test_jobs_of_another_mission_missing_ones_and_participants(world: World, tmp_path: Path) -> None:
    mine = _client(world, tmp_path, world.api_token(organiser="orga@a.lu"))
    assert mine.post(f"{BASE}/matching/run").status_code == 202
    other = api(world, world.api_token(organiser="orga@b.lu"))
    participant = api(world, world.api_token(participant=("test-osaka", "p-1")))
    for path in ("/api/v1/jobs/1", "/api/v1/jobs/999", f"/api/v1/jobs/{2**70}"):
        assert (other.get(path).status_code, other.get(path).json()) == (404, JOB_NOT_FOUND)
        assert (other.delete(path).status_code, other.delete(path).json()) == (404, JOB_NOT_FOUND)
    assert (participant.get("/api/v1/jobs/1").status_code, participant.get("/api/v1/jobs/1").json()) == (
        403,
        ORGANISERS_ONLY,
    )
    assert mine.get("/api/v1/jobs/1").json()["state"] == "queued"
