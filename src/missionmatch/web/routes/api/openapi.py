"""The schema at /api/v1/openapi.json, as FastAPI writes it minus one thing: FastAPI documents its own 422
body (`HTTPValidationError`) on every operation with a parameter, even one that cannot fail validation (a text
`slug`). Our operations that can give a 422 document it themselves (`InvalidOut`, the body the app sends,
see errors.answers), so FastAPI's default is dropped: the schema lists only answers that really happen."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

_DEFAULT_422 = "#/components/schemas/HTTPValidationError"


def _drop_default_422(schema: dict[str, Any]) -> None:
    for operations in schema["paths"].values():
        for operation in operations.values():
            invalid = operation["responses"].get("422", {})
            if invalid.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref") == (
                _DEFAULT_422
            ):
                del operation["responses"]["422"]
    for name in ("HTTPValidationError", "ValidationError"):
        schema.get("components", {}).get("schemas", {}).pop(name, None)


def api_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
        _drop_default_422(schema)
        app.openapi_schema = schema
    return app.openapi_schema
