"""What the API fuzz run found, one test each: a 405's Allow header, the 400 for a body that is not UTF-8,
the bearer scheme in the schema, the 409s, the errors each operation documents, and strict booleans and
numbers in bodies (`0` is not `false`, `"5"` is not `5`)."""

import pytest

from missionmatch.sectors import SECTORS
from tests.web.api_client import errors_of, meeting_id, organiser_api, participant_api
from tests.web.conftest import World

BASE = "/api/v1/missions/test-osaka"
# every operation and the error statuses it documents besides its success (401 everywhere: no valid token)
DOCUMENTED = {
    ("get", "/api/v1/missions"): ["401"],
    ("get", "/api/v1/missions/{slug}"): ["401", "404"],
    ("get", "/api/v1/missions/{slug}/participants"): ["401", "404"],
    ("get", "/api/v1/missions/{slug}/programme"): ["401", "403", "404"],
    ("get", "/api/v1/missions/{slug}/sessions"): ["401", "403", "404"],
    ("put", "/api/v1/missions/{slug}/programme/{item_id}/texts"): ["400", "401", "403", "404", "422"],
    ("put", "/api/v1/missions/{slug}/sessions/{session_id}/texts"): ["400", "401", "403", "404", "422"],
    ("put", "/api/v1/missions/{slug}/sessions/{session_id}/seats"): [
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    ],
    ("get", "/api/v1/requests"): ["401", "403"],
    ("post", "/api/v1/requests"): ["400", "401", "403", "404", "409", "422"],
    ("post", "/api/v1/requests/{request_id}/{action}"): ["401", "403", "404", "409", "422"],
    ("post", "/api/v1/requests/company"): ["400", "401", "403", "404", "409", "422"],
    ("post", "/api/v1/requests/{request_id}/accept/attendees"): ["401", "403", "404", "409", "422"],
    ("post", "/api/v1/missions/{slug}/requests/approve"): ["400", "401", "403", "404", "422"],
    ("post", "/api/v1/missions/{slug}/requests/{request_id}/reject"): [
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    ],
    ("post", "/api/v1/missions/{slug}/requests/{request_id}/veto"): [
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    ],
    ("post", "/api/v1/missions/{slug}/requests/must-meet"): ["400", "401", "403", "404", "409", "422"],
    ("put", "/api/v1/me/{kind}/{participant_id}"): ["401", "403", "404", "422"],
    ("delete", "/api/v1/me/{kind}/{participant_id}"): ["401", "403", "404", "422"],
    ("get", "/api/v1/me/profile"): ["401", "403"],
    ("put", "/api/v1/me/profile"): ["400", "401", "403", "422"],
    ("get", "/api/v1/me/recommendations"): ["401", "403"],
    ("get", "/api/v1/me/agenda"): ["401", "403"],
    ("get", "/api/v1/me/agenda.pdf"): ["401", "403"],
    ("get", "/api/v1/me/agenda.ics"): ["401", "403"],
    ("get", "/api/v1/me/meetings/{meeting_id}/feedback"): ["401", "403", "404", "422"],
    ("post", "/api/v1/me/meetings/{meeting_id}/feedback"): ["400", "401", "403", "404", "422"],
    ("get", "/api/v1/missions/{slug}/schedule"): ["401", "403", "404"],
    ("get", "/api/v1/jobs/{job_id}"): ["401", "403", "404", "422"],
    ("delete", "/api/v1/jobs/{job_id}"): ["401", "403", "404", "422"],
    ("get", "/api/v1/jobs/{job_id}/file"): ["401", "403", "404", "422"],
    ("post", "/api/v1/missions/{slug}/agendas/all"): ["401", "403", "404", "422"],
    ("get", "/api/v1/missions/{slug}/schedule/versions"): ["401", "403", "404"],
    ("post", "/api/v1/jobs/{job_id}/cancel"): ["401", "403", "404", "422"],
    ("post", "/api/v1/missions/{slug}/matching/run"): ["401", "403", "404", "409"],
    ("post", "/api/v1/missions/{slug}/schedule/run"): ["400", "401", "403", "404", "409", "422"],
    ("post", "/api/v1/missions/{slug}/schedule/publish"): ["400", "401", "403", "404", "409", "422"],
    ("post", "/api/v1/missions/{slug}/schedule/replan"): ["400", "401", "403", "404", "409", "422"],
    ("post", "/api/v1/missions/{slug}/participants/{participant_id}/check-in"): ["401", "403", "404", "422"],
    ("delete", "/api/v1/missions/{slug}/participants/{participant_id}/check-in"): [
        "401",
        "403",
        "404",
        "422",
    ],
    ("put", "/api/v1/missions/{slug}/meetings/{meeting_id}/attendees"): [
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    ],
    ("post", "/api/v1/missions/{slug}/meetings/{meeting_id}/outcome"): [
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    ],
    ("get", "/api/v1/missions/{slug}/agreements"): ["401", "403", "404", "422"],
    ("post", "/api/v1/missions/{slug}/agreements"): ["400", "401", "403", "404", "409", "422"],
    ("get", "/api/v1/missions/{slug}/agreements/{agreement_id}"): ["401", "403", "404", "422"],
    ("put", "/api/v1/missions/{slug}/agreements/{agreement_id}"): ["400", "401", "403", "404", "409", "422"],
    ("delete", "/api/v1/missions/{slug}/agreements/{agreement_id}"): ["401", "403", "404", "422"],
    ("post", "/api/v1/missions/{slug}/agreements/{agreement_id}/status"): [
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    ],
    ("post", "/api/v1/missions/{slug}/agreements/{agreement_id}/documents"): [
        "400",
        "401",
        "403",
        "404",
        "413",
        "415",
        "422",
    ],
    ("get", "/api/v1/missions/{slug}/agreements/{agreement_id}/documents/{document_id}"): [
        "401",
        "403",
        "404",
        "422",
    ],
    ("get", "/api/v1/missions/{slug}/feedback"): ["401", "403", "404", "422"],
    ("get", "/api/v1/missions/{slug}/follow-ups"): ["401", "403", "404", "422"],
    ("get", "/api/v1/me/agreements"): ["401", "403"],
    ("get", "/api/v1/missions/{slug}/report"): ["401", "403", "404"],
    ("get", "/api/v1/campaigns/{key}/report"): ["401", "403", "404"],
    ("get", "/api/v1/missions/{slug}/sessions/{session_id}/documents/{kind}.pdf"): [
        "401",
        "403",
        "404",
        "422",
    ],
    ("get", "/api/v1/missions/{slug}/sessions/{session_id}/documents/{kind}.xlsx"): [
        "401",
        "403",
        "404",
        "422",
    ],
}


def _schema(world: World) -> dict:
    return world.client().get("/api/v1/openapi.json").json()


def _error_ref(operation: dict, status: str) -> str:
    return operation["responses"][status]["content"]["application/json"]["schema"]["$ref"].rsplit("/")[-1]


def test_each_operation_documents_exactly_the_errors_it_gives(world: World) -> None:
    paths = _schema(world)["paths"]
    found = {
        (method, path): sorted(code for code in operation["responses"] if not code.startswith("2"))
        for path, operations in paths.items()
        for method, operation in operations.items()
    }
    assert found == DOCUMENTED


def test_error_bodies_are_documented_with_their_shapes(world: World) -> None:
    paths = _schema(world)["paths"]
    assert _error_ref(paths["/api/v1/requests"]["post"], "409") == "ErrorOut"
    assert _error_ref(paths["/api/v1/missions/{slug}/schedule/publish"]["post"], "409") == "ErrorOut"
    # a run is a job: 409 while another of the mission's runs goes (what changed meanwhile: the job fails)
    assert _error_ref(paths["/api/v1/missions/{slug}/schedule/replan"]["post"], "409") == "ErrorOut"
    assert _error_ref(paths["/api/v1/missions/{slug}/meetings/{meeting_id}/outcome"]["post"], "409") == (
        "RefusedOut"
    )
    assert _error_ref(paths["/api/v1/me/profile"]["put"], "400") == "ErrorOut"
    assert _error_ref(paths["/api/v1/me/profile"]["put"], "422") == "InvalidOut"
    unauthorised = paths["/api/v1/missions"]["get"]["responses"]["401"]
    assert list(unauthorised["headers"]) == ["WWW-Authenticate"]


def test_the_schema_declares_the_bearer_scheme_on_every_operation(world: World) -> None:
    schema = _schema(world)
    assert schema["components"]["securitySchemes"] == {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "an organiser's or a participant's API token",
        }
    }
    securities = {
        (method, path): operation.get("security")
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert set(map(str, securities.values())) == {"[{'bearer': []}]"}
    assert len(securities) == len(DOCUMENTED)


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/api/v1/me/profile", "GET, PUT"),
        ("/api/v1/requests", "GET, POST"),
        ("/api/v1/me/meetings/5/feedback", "GET, POST"),
        (f"{BASE}/participants/5/check-in", "DELETE, POST"),
        (f"{BASE}/schedule", "GET"),
    ],
)
def test_a_method_not_allowed_lists_every_method_of_the_path(world: World, path: str, allow: str) -> None:
    response = organiser_api(world).options(path)
    assert (response.status_code, response.json()) == (405, {"detail": "Method Not Allowed"})
    assert response.headers["allow"] == allow


def test_a_body_that_is_not_utf8_is_400(world: World) -> None:
    client = participant_api(world, "test-osaka", "p-1")
    response = client.put("/api/v1/me/profile", content=b'{"language": "\xff"}', headers=_JSON)
    assert (response.status_code, response.json()) == (400, {"detail": "There was an error parsing the body"})


_JSON = {"content-type": "application/json"}


@pytest.mark.parametrize("flag", [0, 1, "true", "yes", None])
def test_include_suggested_takes_only_a_json_boolean(world: World, flag: object) -> None:
    body = {"time_limit": 1, "include_suggested": flag}
    response = organiser_api(world).post(f"{BASE}/schedule/run", json=body)
    assert errors_of(response) == ["include_suggested"]


@pytest.mark.parametrize("limit", ["10", True])
def test_a_time_limit_is_a_json_number(world: World, limit: object) -> None:
    client = organiser_api(world)
    assert errors_of(client.post(f"{BASE}/schedule/run", json={"time_limit": limit})) == ["time_limit"]
    assert errors_of(client.post(f"{BASE}/schedule/replan", json={"time_limit": limit})) == ["time_limit"]


def test_numbers_in_request_and_feedback_bodies_are_json_integers(world: World) -> None:
    client = participant_api(world, "test-osaka", "p-1")
    sato = world.participant("test-osaka", "p-4").id
    as_text = client.post("/api/v1/requests", json={"recipient_id": str(sato), "priority": "2"})
    assert errors_of(as_text) == ["priority", "recipient_id"]
    as_boolean = client.post("/api/v1/requests", json={"recipient_id": sato, "priority": True})
    assert errors_of(as_boolean) == ["priority"]
    with_a_fraction = client.post("/api/v1/requests", json={"recipient_id": sato, "priority": 1.5})
    assert errors_of(with_a_fraction) == ["priority"]
    meeting = meeting_id(world, "test-osaka")
    assert errors_of(client.post(f"/api/v1/me/meetings/{meeting}/feedback", json={"rating": "4"})) == [
        "rating"
    ]


def test_an_integral_number_is_an_integer_as_json_schema_says(world: World) -> None:
    client = participant_api(world, "test-osaka", "p-1")
    sato = world.participant("test-osaka", "p-4").id
    created = client.post("/api/v1/requests", json={"recipient_id": float(sato), "priority": 1.0})
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["recipient_id"], body["priority"]) == (sato, 1)


def test_the_profile_schema_states_what_the_service_accepts(world: World) -> None:
    """A schema-valid profile is saved: the languages, sector codes and lengths are in the schema."""
    fields = _schema(world)["components"]["schemas"]["ProfileIn"]["properties"]
    languages = ["en", "fr", "ja", "de", "lb", "nl", "it", "es", "zh"]
    assert (fields["language"]["enum"], fields["languages"]["items"]["enum"]) == (languages, languages)
    assert fields["sectors"]["items"]["enum"] == list(SECTORS)
    assert (fields["offers"]["maxLength"], fields["needs"]["maxLength"]) == (4000, 4000)
