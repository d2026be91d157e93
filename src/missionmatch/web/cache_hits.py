"""Cache hits answered before the routes. A GET of a cached page or API body costs, the ordinary way,
FastAPI's dependency solving, an ORM session and three statements (session, person, mission) before the
cache is even asked. Here: the signed cookie (already read by SessionMiddleware) or the bearer token, one
read-only statement (web/cache_viewers.py) and the key of web/page_cache.py; a miss, or anything unusual,
goes on to the routes, which render and keep the body under the same key.

The statement runs on the event loop, without the connection gate: it is short, and one at a time per
process (the loop runs one), within the pool's overflow above the gate's permits (web/connection_gate.py)."""

import re

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from missionmatch.web.cache_viewers import viewer_and_revision
from missionmatch.web.page_cache import CACHE_CONTROL, PageCache, cache_key, matches

# path -> (page name as the route keys it, credential, person); the slug, if any, is the pattern's group
ROUTES: list[tuple[re.Pattern[str], str, str, str]] = [
    (re.compile(r"/me/agenda"), "agenda", "session", "participant"),
    (re.compile(r"/me/directory"), "directory", "session", "participant"),
    (re.compile(r"/me/recommendations"), "recommendations", "session", "participant"),
    (re.compile(r"/missions/([^/]+)"), "dashboard", "session", "organiser"),
    (re.compile(r"/api/v1/me/agenda"), "api agenda", "token", "participant"),
    (re.compile(r"/api/v1/me/recommendations"), "api recommendations", "token", "participant"),
    (re.compile(r"/api/v1/requests"), "api requests", "token", "participant"),
    (re.compile(r"/api/v1/missions/([^/]+)"), "api mission", "token", "organiser"),
    (re.compile(r"/api/v1/missions/([^/]+)/schedule"), "api schedule", "token", "organiser"),
]


def _route(path: str) -> tuple[str, str, str, str] | None:
    for pattern, page, credential, person in ROUTES:
        found = pattern.fullmatch(path)
        if found:
            return page, credential, person, found.group(1) if found.groups() else ""
    return None


def _secret(request: Request, credential: str) -> str:
    if credential == "session":
        return str(request.session.get("sid", "")) if "csrf" in request.session else ""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class CachedHits:
    """ASGI middleware inside SessionMiddleware (it needs the decoded cookie)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not await self._answered(scope, send):
            await self.app(scope, receive, send)

    async def _answered(self, scope: Scope, send: Send) -> bool:
        route = _route(scope["path"])
        app: FastAPI = scope["app"]
        cache: PageCache = app.state.page_cache
        if route is None or not cache.entries:
            return False
        page, credential, person, slug = route
        request = Request(scope)
        secret = _secret(request, credential)
        if not secret:
            return False
        with app.state.session_factory.kw["bind"].connect() as connection:
            found = viewer_and_revision(connection, credential, person, secret, slug)
        if found is None:
            return False
        viewer_id, revision = found
        etag = cache_key(request, page, (person, viewer_id), revision, html=credential == "session")
        kept = cache.get(etag)
        if kept is None:
            return False
        headers = [(b"etag", etag.encode()), (b"cache-control", CACHE_CONTROL.encode())]
        if matches(request.headers.get("if-none-match", ""), etag):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return True
        headers += [(b"content-type", kept.media_type.encode()), (b"content-length", b"%d" % len(kept.body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": kept.body})
        return True
