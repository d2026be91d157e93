"""PUT /api/v1/missions/{slug}/sessions/{session_id}/seats: organisers set the chairs at a table; 422 naming
`seats` outside 2-50 or not a JSON integer, 409 under a scheduled meeting of more attendees, 404 for a
session of another mission, 403 for participants."""

import pytest
from sqlalchemy import select

from missionmatch.models import B2BSession
from tests.web.api_client import ORGANISERS_ONLY, errors_of, organiser_api, participant_api
from tests.web.conftest import World

BASE = "/api/v1/missions/test-osaka/sessions"


def _session_id(world: World) -> int:
    with world.factory() as session:
        found = session.scalar(select(B2BSession.id).where(B2BSession.key == "b2b-1"))
        assert found is not None
        return found


def _seats(world: World) -> int:
    with world.factory() as session:
        b2b = session.get(B2BSession, _session_id(world))
        assert b2b is not None
        return b2b.seats


def test_an_organiser_sets_the_seats_and_the_sessions_list_shows_them(world: World) -> None:
    client = organiser_api(world)
    response = client.put(f"{BASE}/{_session_id(world)}/seats", json={"seats": 6})
    assert response.status_code == 200, response.text
    assert (response.json()["key"], response.json()["seats"]) == ("b2b-1", 6)
    assert [s["seats"] for s in client.get(BASE).json()] == [6]
    assert _seats(world) == 6


@pytest.mark.parametrize("seats", [1, 51, "6", 6.5, True, None])
def test_seats_outside_two_to_fifty_or_not_an_integer_are_422_naming_seats(
    world: World, seats: object
) -> None:
    response = organiser_api(world).put(f"{BASE}/{_session_id(world)}/seats", json={"seats": seats})
    assert errors_of(response) == ["seats"]
    assert _seats(world) == 4


def test_a_property_the_schema_does_not_name_is_422_naming_it(world: World) -> None:
    body = {"seats": 6, "tables": 9}
    response = organiser_api(world).put(f"{BASE}/{_session_id(world)}/seats", json=body)
    assert errors_of(response) == ["tables"]
    assert _seats(world) == 4


def test_fewer_seats_than_a_scheduled_meetings_attendees_are_409_naming_it(world: World) -> None:
    response = organiser_api(world).put(f"{BASE}/{_session_id(world)}/seats", json={"seats": 2})
    # m-1 (published) seats Anne, 山田 and Sato
    refused = "seats: Scheduled meetings have more than 2 attendees (m-1): change their attendees first."
    assert (response.status_code, response.json()) == (409, {"detail": refused})
    assert _seats(world) == 4


def test_another_missions_session_is_404_and_participants_get_403(world: World) -> None:
    session_id = _session_id(world)
    other = organiser_api(world, "orga@b.lu").put(f"{BASE}/{session_id}/seats", json={"seats": 6})
    assert (other.status_code, other.json()) == (404, {"detail": "mission not found"})
    missing = organiser_api(world).put(f"{BASE}/{session_id + 1000}/seats", json={"seats": 6})
    assert (missing.status_code, missing.json()) == (404, {"detail": "session not found"})
    participant = participant_api(world, "test-osaka", "p-1").put(
        f"{BASE}/{session_id}/seats", json={"seats": 6}
    )
    assert (participant.status_code, participant.json()) == (403, ORGANISERS_ONLY)
    assert _seats(world) == 4
