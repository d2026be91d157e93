"""A TestClient speaking to /api/v1 with a bearer token, for the tests/web/test_api_*.py modules."""

from fastapi.testclient import TestClient
from sqlalchemy import select

from missionmatch.models import Meeting
from tests.web.conftest import World

INVALID_TOKEN = {"detail": "missing or invalid API token"}
PARTICIPANTS_ONLY = {"detail": "only participants use this operation"}
ORGANISERS_ONLY = {"detail": "only organisers use this operation"}


def api(world: World, token: str | None) -> TestClient:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return TestClient(world.client().app, headers=headers)


def organiser_api(world: World, email: str = "orga@a.lu") -> TestClient:
    return api(world, world.api_token(organiser=email))


def participant_api(world: World, slug: str, key: str) -> TestClient:
    return api(world, world.api_token(participant=(slug, key)))


def meeting_id(world: World, slug: str, key: str = "m-1") -> int:
    mission_id = world.participant(slug, "p-1").mission_id
    with world.factory() as session:
        found = session.scalar(select(Meeting.id).where(Meeting.key == key, Meeting.mission_id == mission_id))
        assert found is not None
        return found


def errors_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == "invalid input"
    return sorted(e["field"] for e in response.json()["errors"])
