"""/api/v1: organisers veto requests and add must-meet meetings; participants withdraw from an accepted
request and keep partners off their lists (dismissed, not interested), undoable."""

from sqlalchemy import select

from missionmatch.models import MeetingRequest
from tests.web.api_client import errors_of, organiser_api, participant_api
from tests.web.conftest import World
from tests.web.test_recommendations import _recommend

API = "/api/v1/missions/test-osaka/requests"


def _request_id(world: World, key: str) -> int:
    with world.factory() as session:
        return session.scalars(
            select(MeetingRequest.id).where(
                MeetingRequest.key == key, MeetingRequest.mission.has(slug="test-osaka")
            )
        ).one()


def test_an_organiser_vetoes_with_a_reason_and_adds_a_must_meet(world: World) -> None:
    api = organiser_api(world)
    pending = _request_id(world, "r-2")  # Jonas -> Sato
    assert api.post(f"{API}/{pending}/veto", json={"reason": " "}).status_code == 422
    done = api.post(f"{API}/{pending}/veto", json={"reason": "Competitors"})
    assert (done.status_code, done.json()["status"], done.json()["rejection_reason"]) == (
        200,
        "vetoed",
        "Competitors",
    )
    again = api.post(f"{API}/{pending}/veto", json={"reason": "Again"})
    assert (again.status_code, again.json()["detail"]) == (409, "not_pending")
    jonas, sato, yamada = (world.participant("test-osaka", k) for k in ("p-2", "p-4", "p-3"))
    vetoed = api.post(f"{API}/must-meet", json={"delegate_id": jonas.id, "host_id": sato.id})
    assert (vetoed.status_code, vetoed.json()["detail"]) == (409, "vetoed")
    made = api.post(f"{API}/must-meet", json={"delegate_id": jonas.id, "host_id": yamada.id})
    assert made.status_code == 201
    assert {k: made.json()[k] for k in ("requester_id", "recipient_id", "status", "must_meet")} == {
        "requester_id": jonas.id,
        "recipient_id": yamada.id,
        "status": "accepted",
        "must_meet": True,
    }
    anne = world.participant("test-osaka", "p-1")
    same = api.post(f"{API}/must-meet", json={"delegate_id": anne.id, "host_id": jonas.id})
    assert same.status_code == 422 and errors_of(same) == ["host_id"]
    other = world.participant("other-tokyo", "p-3")
    assert (
        api.post(f"{API}/must-meet", json={"delegate_id": jonas.id, "host_id": other.id}).status_code == 404
    )
    assert (
        participant_api(world, "test-osaka", "p-1")
        .post(f"{API}/{pending}/veto", json={"reason": "x"})
        .status_code
        == 403
    )
    assert organiser_api(world, "orga@b.lu").post(
        f"{API}/{pending}/veto", json={"reason": "x"}
    ).status_code in (403, 404)


def test_a_participant_withdraws_from_an_accepted_request(world: World) -> None:
    accepted = _request_id(world, "r-1")  # Anne -> Yamada
    assert (
        participant_api(world, "test-osaka", "p-2").post(f"/api/v1/requests/{accepted}/withdraw").status_code
        == 404
    )
    done = participant_api(world, "test-osaka", "p-3").post(f"/api/v1/requests/{accepted}/withdraw")
    assert (done.status_code, done.json()["status"]) == (200, "cancelled")
    again = participant_api(world, "test-osaka", "p-1").post(f"/api/v1/requests/{accepted}/withdraw")
    assert (again.status_code, again.json()["detail"]) == (409, "not_pending")


def test_dismissed_and_not_interested_partners_leave_the_recommendations_until_undone(world: World) -> None:
    _recommend(world, "p-1", "p-3", 1)
    _recommend(world, "p-1", "p-4", 2)
    yamada, sato = world.participant("test-osaka", "p-3"), world.participant("test-osaka", "p-4")
    api = participant_api(world, "test-osaka", "p-1")

    def listed() -> list[int]:
        return [r["candidate"]["id"] for r in api.get("/api/v1/me/recommendations").json()]

    assert api.put(f"/api/v1/me/dismissed/{yamada.id}").status_code == 204
    assert api.put(f"/api/v1/me/dismissed/{yamada.id}").status_code == 204  # idempotent
    assert api.put(f"/api/v1/me/not-interested/{sato.id}").status_code == 204
    assert listed() == []
    refused = api.post("/api/v1/requests", json={"recipient_id": sato.id})
    assert (refused.status_code, refused.json()["detail"]) == (409, "not_interested")
    assert api.delete(f"/api/v1/me/dismissed/{yamada.id}").status_code == 204
    assert listed() == [yamada.id]
    jonas = world.participant("test-osaka", "p-2")
    assert api.put(f"/api/v1/me/dismissed/{jonas.id}").status_code == 404  # the same side
    assert api.put(f"/api/v1/me/ignored/{sato.id}").status_code == 422
    assert organiser_api(world).put(f"/api/v1/me/dismissed/{sato.id}").status_code == 403
