"""/api/v1: token auth, JSON errors, 404 for other missions, 422 naming the field."""

from fastapi.testclient import TestClient

from tests.web.conftest import World


def _api(world: World, token: str | None) -> TestClient:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return TestClient(world.client().app, headers=headers)


def test_missing_or_wrong_token_is_401_json(world: World) -> None:
    for token in (None, "wrong"):
        response = _api(world, token).get("/api/v1/missions")
        assert (response.status_code, response.json()) == (401, {"detail": "missing or invalid API token"})


def test_organiser_lists_only_own_missions(world: World) -> None:
    api = _api(world, world.api_token(organiser="orga@a.lu"))
    assert [m["slug"] for m in api.get("/api/v1/missions").json()] == ["test-osaka"]
    assert api.get("/api/v1/missions/test-osaka").json()["timezone"] == "Asia/Tokyo"


def test_another_missions_data_is_404_like_a_missing_mission(world: World) -> None:
    api = _api(world, world.api_token(organiser="orga@a.lu"))
    other = api.get("/api/v1/missions/other-tokyo/participants")
    missing = api.get("/api/v1/missions/nothing-here/participants")
    assert (other.status_code, other.json()) == (404, {"detail": "mission not found"})
    assert (missing.status_code, missing.json()) == (404, {"detail": "mission not found"})


def test_organiser_sees_all_participants_with_emails(world: World) -> None:
    api = _api(world, world.api_token(organiser="orga@a.lu"))
    people = api.get("/api/v1/missions/test-osaka/participants").json()
    assert [p["email"] for p in people] == [
        "anne.muller@luxsat.example.lu",
        "jonas.weber@sante.example.lu",
        "yamada@orbital.example.jp",
        "sato@orbital.example.jp",
    ]


def test_participant_sees_self_and_other_side_without_emails(world: World) -> None:
    api = _api(world, world.api_token(participant=("test-osaka", "p-1")))
    people = api.get("/api/v1/missions/test-osaka/participants").json()
    assert [(p["name"], p["email"]) for p in people] == [
        ("Anne Muller", None),
        ("太郎 山田", None),
        ("Hanako Sato", None),
    ]
    assert api.get("/api/v1/missions/other-tokyo").status_code == 404


def test_send_request_validates_fields_with_422(world: World) -> None:
    api = _api(world, world.api_token(participant=("test-osaka", "p-1")))
    response = api.post("/api/v1/requests", json={"recipient_id": "abc", "priority": 7})
    assert response.status_code == 422
    assert sorted(e["field"] for e in response.json()["errors"]) == ["priority", "recipient_id"]


def test_send_accept_and_conflicts(world: World) -> None:
    sato = world.participant("test-osaka", "p-4")
    anne_api = _api(world, world.api_token(participant=("test-osaka", "p-1")))
    created = anne_api.post(
        "/api/v1/requests", json={"recipient_id": sato.id, "message": "Hi", "priority": 3}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["message"], body["priority"]) == ("pending", "Hi", 3)
    duplicate = anne_api.post("/api/v1/requests", json={"recipient_id": sato.id})
    assert (duplicate.status_code, duplicate.json()) == (409, {"detail": "duplicate"})
    forbidden = anne_api.post(f"/api/v1/requests/{body['id']}/accept")
    assert (forbidden.status_code, forbidden.json()) == (403, {"detail": "you cannot accept this request"})
    sato_api = _api(world, world.api_token(participant=("test-osaka", "p-4")))
    accepted = sato_api.post(f"/api/v1/requests/{body['id']}/accept")
    assert (accepted.status_code, accepted.json()["status"]) == (200, "accepted")


def test_a_stranger_gets_404_for_a_request(world: World) -> None:
    sato = world.participant("test-osaka", "p-4")
    anne_api = _api(world, world.api_token(participant=("test-osaka", "p-1")))
    request_id = anne_api.post("/api/v1/requests", json={"recipient_id": sato.id}).json()["id"]
    stranger = _api(world, world.api_token(participant=("other-tokyo", "p-3")))
    response = stranger.post(f"/api/v1/requests/{request_id}/accept")
    assert (response.status_code, response.json()) == (404, {"detail": "request not found"})


def test_request_to_the_other_mission_is_404(world: World) -> None:
    stranger = world.participant("other-tokyo", "p-3")
    api = _api(world, world.api_token(participant=("test-osaka", "p-1")))
    response = api.post("/api/v1/requests", json={"recipient_id": stranger.id})
    assert (response.status_code, response.json()) == (404, {"detail": "participant not found"})


def test_organisers_do_not_send_requests(world: World) -> None:
    api = _api(world, world.api_token(organiser="orga@a.lu"))
    assert api.get("/api/v1/requests").status_code == 403


def test_openapi_schema_lists_the_api(world: World) -> None:
    paths = _api(world, None).get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/requests/{request_id}/{action}" in paths


def test_openapi_schema_documents_only_the_api(world: World) -> None:
    paths = _api(world, None).get("/api/v1/openapi.json").json()["paths"]
    assert all(path.startswith("/api/v1/") for path in paths)


def test_a_property_the_schema_does_not_name_is_refused_naming_it(world: World) -> None:
    sato = world.participant("test-osaka", "p-4")
    api = _api(world, world.api_token(participant=("test-osaka", "p-1")))
    response = api.post("/api/v1/requests", json={"recipient_id": sato.id, "mesage": "typo"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["mesage"]
    schema = api.get("/api/v1/openapi.json").json()["components"]["schemas"]["RequestIn"]
    assert schema["additionalProperties"] is False
