"""/api/v1 company meetings: a request to an organisation answered by another representative naming who comes,
and organisers changing a meeting's attendees (409 in words when it breaks a rule, 404 for another mission's
people)."""

from missionmatch.models import Meeting
from tests.web.api_client import meeting_id, organiser_api, participant_api
from tests.web.conftest import World

BASE = "/api/v1/missions/test-osaka"


def _ids(world: World, *keys: str) -> list[int]:
    return [world.participant("test-osaka", key).id for key in keys]


def test_a_request_to_an_organisation_is_accepted_by_a_colleague_who_names_the_attendees(
    world: World,
) -> None:
    sent = participant_api(world, "test-osaka", "p-2").post(
        "/api/v1/requests/company",
        json={"recipient_id": _ids(world, "p-4")[0], "to_organisation": True, "message": "Hello"},
    )
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert (body["to_organisation"], body["attendee_ids"]) == (True, _ids(world, "p-2", "p-3"))
    accepted = participant_api(world, "test-osaka", "p-4").post(
        f"/api/v1/requests/{body['request']['id']}/accept/attendees",
        json={"participant_ids": _ids(world, "p-4", "p-3")},
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["request"]["status"] == "accepted"
    assert sorted(accepted.json()["attendee_ids"]) == sorted(_ids(world, "p-2", "p-3", "p-4"))


def test_naming_someone_of_another_organisation_is_refused(world: World) -> None:
    sent = participant_api(world, "test-osaka", "p-2").post(
        "/api/v1/requests/company",
        json={"recipient_id": _ids(world, "p-3")[0], "colleague_ids": _ids(world, "p-1")},
    )
    assert (sent.status_code, sent.json()) == (409, {"detail": "colleague_outside"})


def test_organisers_change_attendees_and_a_broken_rule_answers_409_in_words(world: World) -> None:
    client, path = organiser_api(world), f"{BASE}/meetings/{meeting_id(world, 'test-osaka')}/attendees"
    changed = client.put(path, json={"participant_ids": _ids(world, "p-1", "p-2", "p-3")})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["attendee_ids"], changed.json()["interpreter"]) == (
        _ids(world, "p-1", "p-2", "p-3"),
        "fr-ja",
    )
    one_side = client.put(path, json={"participant_ids": _ids(world, "p-1", "p-2")})
    assert one_side.status_code == 409
    assert one_side.json() == {
        "detail": ["A meeting needs at least one attendee from the delegation and one from the hosts."]
    }
    other = world.participant("other-tokyo", "p-3").id
    assert client.put(path, json={"participant_ids": [*_ids(world, "p-1"), other]}).status_code == 404
    with world.factory() as session:
        meeting = session.get(Meeting, meeting_id(world, "test-osaka"))
        assert meeting is not None
        assert [p.key for p in meeting.participants] == ["p-1", "p-2", "p-3"]


def test_accepting_with_an_attendee_who_is_no_one_of_the_mission_is_404_and_leaves_it_pending(
    world: World,
) -> None:
    """The 404 names the attendee, not the request (tests/web/schemathesis.toml relies on it)."""
    sent = participant_api(world, "test-osaka", "p-2").post(
        "/api/v1/requests/company", json={"recipient_id": _ids(world, "p-4")[0], "to_organisation": True}
    )
    assert sent.status_code == 201, sent.text
    request_id = sent.json()["request"]["id"]
    other_mission = world.participant("other-tokyo", "p-3").id
    for nobody in (other_mission, 10**9):
        answer = participant_api(world, "test-osaka", "p-4").post(
            f"/api/v1/requests/{request_id}/accept/attendees", json={"participant_ids": [nobody]}
        )
        assert (answer.status_code, answer.json()) == (404, {"detail": "participant not found"})
    requests = participant_api(world, "test-osaka", "p-4").get("/api/v1/requests").json()
    assert next(r["status"] for r in requests if r["id"] == request_id) == "pending"
