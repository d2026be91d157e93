"""API bodies from the page cache (web/page_cache.py), keyed like the pages but without language, zone or
CSRF token. The route reads the mission's revision before the data, so that a body is never kept under a
revision newer than what it shows."""

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import TypeAdapter

from missionmatch.models import ApiToken
from missionmatch.web.page_cache import PageCache, Viewer, cache_key, cached_response


@cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def token_viewer(principal: ApiToken) -> Viewer:
    if principal.organiser_id is not None:
        return ("organiser", principal.organiser_id)
    assert principal.participant_id is not None
    return ("participant", principal.participant_id)


def cached_json(
    request: Request,
    cache: PageCache,
    page: str,
    viewer: Viewer,
    revision: int,
    shape: Any,
    body: Callable[[], Any],
    fresh_until: Callable[[], dt.datetime | None] = lambda: None,
) -> Response:
    """`body()` serialised as `shape` (the operation's response model), or the copy kept for this key."""
    etag = cache_key(request, f"api {page}", viewer, revision, html=False) if cache.entries else ""

    def render() -> Response:
        return Response(_adapter(shape).dump_json(body()), media_type="application/json")

    return cached_response(request, cache, etag, render, fresh_until)
