"""The API's error answers: the responses each operation documents (only those it really gives), and the
JSON body of an HTTP error with a 405's `Allow` listing every method of the path (Starlette names only the
methods of the first route that matches the path, e.g. `GET` for `/me/profile`, which also takes `PUT`)."""

import re
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from missionmatch.web.routes.api.schemas import ErrorOut, InvalidOut, RefusedOut

_RESPONSES: dict[int, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "the body cannot be read (not UTF-8, or broken multipart data)"},
    401: {
        "model": ErrorOut,
        "description": "missing, revoked or invalid token",
        "headers": {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    },
    403: {"model": ErrorOut, "description": "an operation for the other role (organiser or participant)"},
    404: {"model": ErrorOut, "description": "not found, or not the caller's (the same answer)"},
    409: {"model": ErrorOut, "description": "refused as things stand: the reason's stable code"},
    413: {"model": ErrorOut, "description": "the uploaded file is over the size limit"},
    415: {"model": ErrorOut, "description": "the uploaded file is not of the type asked for"},
    422: {"model": InvalidOut, "description": "invalid input, naming each field"},
}
# keyed int | str like FastAPI's `responses`, so that `answers(...) | REFUSED_IN_WORDS` type-checks
REFUSED_IN_WORDS: dict[int | str, dict[str, Any]] = {
    409: {"model": RefusedOut, "description": "refused as things stand: every reason, in the Accept-Language"}
}


def answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of an operation: the errors it gives besides its success (401 is router-wide)."""
    return {code: _RESPONSES[code] for code in codes}


def _methods_by_path(schema: dict) -> list[tuple[re.Pattern[str], list[str]]]:
    return [
        (
            re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$"),
            sorted(m.upper() for m in methods),
        )
        for path, methods in schema["paths"].items()
    ]


def allowed_methods(request: Request) -> list[str]:
    """The methods the schema documents at this path (what a client reads there)."""
    app = request.app
    if getattr(app.state, "api_methods", None) is None:
        app.state.api_methods = _methods_by_path(app.openapi())
    path = request.url.path
    return next((methods for pattern, methods in app.state.api_methods if pattern.match(path)), [])


def api_http_error(request: Request, error: HTTPException) -> JSONResponse:
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=headers or None)
