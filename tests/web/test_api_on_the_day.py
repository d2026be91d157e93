"""/api/v1 on the day: check-in (mark / undo) and meeting outcomes, like the participants list and the table
plan; organisers of the mission only; another mission's participant or meeting is 404 like a missing one."""

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services import on_the_day
from missionmatch.web.routes.api.on_the_day import Outcome
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

BASE = "/api/v1/missions/test-osaka"


def _check_in_path(world: World, slug: str = "test-osaka", key: str = "p-3") -> str:
    return f"{BASE}/participants/{world.participant(slug, key).id}/check-in"


def _outcome_path(world: World, slug: str = "test-osaka") -> str:
    return f"{BASE}/meetings/{meeting_id(world, slug)}/outcome"


def _checked_in_at(world: World) -> str | None:
    with world.factory() as session:
        moment = session.get(Participant, world.participant("test-osaka", "p-3").id).checked_in_at
        # the API writes instants in UTC with the "Z" suffix of RFC 3339
        return moment.isoformat().replace("+00:00", "Z") if moment else None


def test_check_in_marks_once_and_undo_clears(world: World) -> None:
    client, path = organiser_api(world), _check_in_path(world)
    first = client.post(path)
    assert first.status_code == 200
    body = first.json()
    assert (body["id"], body["name"], body["email"]) == (
        world.participant("test-osaka", "p-3").id,
        "太郎 山田",
        "yamada@orbital.example.jp",
    )
    assert body["checked_in_at"] == _checked_in_at(world) is not None
    assert client.post(path).json()["checked_in_at"] == body["checked_in_at"]  # the first arrival time stays
    undone = client.delete(path)
    assert (undone.status_code, undone.json()["checked_in_at"], _checked_in_at(world)) == (200, None, None)


def test_meeting_outcomes(world: World) -> None:
    client, path = organiser_api(world), _outcome_path(world)
    for outcome in ("held", "no_show", "cancelled"):
        response = client.post(path, json={"outcome": outcome})
        expected = {"id": meeting_id(world, "test-osaka"), "key": "m-1", "status": outcome}
        assert (response.status_code, response.json()) == (200, expected)
    with world.factory() as session:
        assert session.get(Meeting, meeting_id(world, "test-osaka")).status == MeetingStatus.CANCELLED


def test_an_unknown_outcome_is_422_naming_the_field(world: World) -> None:
    client, path = organiser_api(world), _outcome_path(world)
    assert errors_of(client.post(path, json={"outcome": "teleported"})) == ["outcome"]
    assert errors_of(client.post(path, json={})) == ["outcome"]
    with world.factory() as session:
        assert session.get(Meeting, meeting_id(world, "test-osaka")).status == MeetingStatus.PUBLISHED


def test_another_missions_participant_or_meeting_is_404_like_a_missing_one(world: World) -> None:
    client = organiser_api(world)
    stranger = world.participant("other-tokyo", "p-3").id
    for path in (f"{BASE}/participants/{stranger}/check-in", f"{BASE}/participants/999999/check-in"):
        for response in (client.post(path), client.delete(path)):
            assert (response.status_code, response.json()) == (404, {"detail": "participant not found"})
    other_meeting = meeting_id(world, "other-tokyo")
    for path in (f"{BASE}/meetings/{other_meeting}/outcome", f"{BASE}/meetings/999999/outcome"):
        response = client.post(path, json={"outcome": "held"})
        assert (response.status_code, response.json()) == (404, {"detail": "meeting not found"})
    with world.factory() as session:
        assert session.get(Meeting, other_meeting).status == MeetingStatus.PUBLISHED
        assert session.scalar(select(Participant).where(Participant.checked_in_at.is_not(None))) is None


def test_another_organiser_gets_404_like_a_missing_mission(world: World) -> None:
    client = organiser_api(world, "orga@b.lu")
    missing = {"detail": "mission not found"}
    for path in (_check_in_path(world), _check_in_path(world).replace("test-osaka", "no-such-mission")):
        assert (client.post(path).status_code, client.post(path).json()) == (404, missing)
    response = client.post(_outcome_path(world), json={"outcome": "held"})
    assert (response.status_code, response.json()) == (404, missing)
    assert _checked_in_at(world) is None


def test_participants_get_403_and_no_token_401(world: World) -> None:
    calls = [("post", _check_in_path(world), None), ("delete", _check_in_path(world), None)]
    calls.append(("post", _outcome_path(world), {"outcome": "held"}))
    for method, path, body in calls:
        response = participant_api(world, "test-osaka", "p-3").request(method, path, json=body)
        assert (response.status_code, response.json()) == (403, ORGANISERS_ONLY)
        for token in (None, "not-a-token"):
            response = api(world, token).request(method, path, json=body)
            assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_a_cancelled_meeting_cannot_be_marked_held_once_its_seat_is_taken(world: World) -> None:
    """Issue 9, finding 1: cancel A by the API, put B in A's slot and table on the organiser's page, mark A
    held by the API: 409 naming the clash, and A stays cancelled."""
    client, path = organiser_api(world), _outcome_path(world)
    assert client.post(path, json={"outcome": "cancelled"}).status_code == 200
    with transaction(world.factory) as session:
        request = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-2"))
        request.status = RequestStatus.ACCEPTED  # Jonas → Hanako, who was in A
        request_id, session_id = request.id, session.scalar(select(B2BSession.id))
    browser = world.organiser()
    place = f"/missions/test-osaka/requests/{request_id}/place"
    placed = browser.submit(place, {"slot": f"{session_id}:2", "table": "2"}, page=place)
    assert placed.status_code == 303
    refused = client.post(path, json={"outcome": "held"}, headers={"accept-language": "en"})
    assert refused.status_code == 409
    assert [text.split(" at ")[0] for text in refused.json()["detail"]] == [
        "Hanako Sato is already in a meeting",
        "Table 2 is already taken",
    ]
    with world.factory() as session:
        assert session.get(Meeting, meeting_id(world, "test-osaka")).status == MeetingStatus.CANCELLED


def test_the_api_outcomes_are_the_services() -> None:
    # the API's Outcome enum is written out for mypy; it must name exactly what the service records
    assert [outcome.value for outcome in Outcome] == list(on_the_day.OUTCOMES)
