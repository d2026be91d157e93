"""/api/v1/openapi.json lists every API operation with its request and response bodies and error shapes."""

from tests.web.api_client import api
from tests.web.conftest import World

OPERATIONS = {
    "/api/v1/me/profile": {"get": "ProfileOut", "put": "ProfileOut"},
    "/api/v1/me/recommendations": {"get": None},
    "/api/v1/me/agenda": {"get": "AgendaOut"},
    "/api/v1/me/meetings/{meeting_id}/feedback": {"get": "FeedbackOut", "post": "FeedbackOut"},
    "/api/v1/missions/{slug}/programme": {"get": None},
    "/api/v1/missions/{slug}/sessions": {"get": None},
    "/api/v1/missions/{slug}/programme/{item_id}/texts": {"put": "ProgrammeItemOut"},
    "/api/v1/missions/{slug}/sessions/{session_id}/seats": {"put": "SessionOut"},
    "/api/v1/missions/{slug}/sessions/{session_id}/texts": {"put": "SessionOut"},
    "/api/v1/missions/{slug}/schedule": {"get": "ScheduleOut"},
    "/api/v1/missions/{slug}/matching/run": {"post": "JobOut"},
    "/api/v1/missions/{slug}/schedule/run": {"post": "JobOut"},
    "/api/v1/missions/{slug}/schedule/publish": {"post": "PublicationOut"},
    "/api/v1/missions/{slug}/schedule/replan": {"post": "JobOut"},
    "/api/v1/missions/{slug}/schedule/versions": {"get": "VersionsOut"},
    "/api/v1/jobs/{job_id}": {"get": "JobOut", "delete": "JobOut"},
    "/api/v1/jobs/{job_id}/cancel": {"post": "JobOut"},
    "/api/v1/missions/{slug}/participants/{participant_id}/check-in": {
        "post": "ParticipantOut",
        "delete": "ParticipantOut",
    },
    "/api/v1/missions/{slug}/meetings/{meeting_id}/outcome": {"post": "OutcomeOut"},
}
REQUEST_BODIES = {
    ("/api/v1/me/profile", "put"): "ProfileIn",
    ("/api/v1/me/meetings/{meeting_id}/feedback", "post"): "FeedbackIn",
    ("/api/v1/missions/{slug}/sessions/{session_id}/seats", "put"): "SeatsIn",
    ("/api/v1/missions/{slug}/programme/{item_id}/texts", "put"): "ProgrammeTextsIn",
    ("/api/v1/missions/{slug}/sessions/{session_id}/texts", "put"): "SessionTextsIn",
    ("/api/v1/missions/{slug}/schedule/run", "post"): "SchedulingIn",
    ("/api/v1/missions/{slug}/schedule/publish", "post"): "PublishIn",
    ("/api/v1/missions/{slug}/schedule/replan", "post"): "ReplanIn",
    ("/api/v1/missions/{slug}/meetings/{meeting_id}/outcome", "post"): "OutcomeIn",
}


def _schema(world: World) -> dict:
    response = api(world, None).get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _ref(content: dict) -> str:
    return content["content"]["application/json"]["schema"].get("$ref", "").rsplit("/", 1)[-1]


def test_every_new_operation_is_listed_with_its_response_body(world: World) -> None:
    paths = _schema(world)["paths"]
    for path, methods in OPERATIONS.items():
        assert path in paths, path
        assert set(methods) <= set(paths[path]), path
        for method, model in methods.items():
            if model is not None:
                ok = "202" if path.endswith(("/run", "/replan")) else "200"  # long work: 202 Accepted
                assert _ref(paths[path][method]["responses"][ok]) == model, (path, method)


def test_request_bodies_and_error_shapes_are_documented(world: World) -> None:
    schema = _schema(world)
    for (path, method), model in REQUEST_BODIES.items():
        operation = schema["paths"][path][method]
        assert _ref(operation["requestBody"]) == model, path
        assert _ref(operation["responses"]["422"]) == "InvalidOut", path
        if path != "/api/v1/me/profile":  # a participant's own profile is always found
            assert _ref(operation["responses"]["404"]) == "ErrorOut", path
    outcome = schema["components"]["schemas"]["Outcome"]
    assert outcome["enum"] == ["held", "no_show", "cancelled"]
    limit = schema["components"]["schemas"]["SchedulingIn"]["properties"]["time_limit"]
    assert (limit["minimum"], limit["maximum"]) == (1.0, 120.0)
