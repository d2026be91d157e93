"""Rendered participant pages kept in memory, per process, keyed by everything the body depends on: the
page, the participant, the viewer's language and time zone, the session's CSRF token (it is in every form),
the mission's content revision (bumped by every write that changes the pages, models/content_revision.py)
and the query. A write elsewhere makes the old entries unreachable; the LRU drops them in time.

The ETag is derived from the key, so a browser that sends it back gets a 304 without a render."""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response

from missionmatch.models import Participant
from missionmatch.web.deps import get_translator
from missionmatch.web.security import csrf_token

CACHE_CONTROL = "private, no-cache"  # the browser may keep it, but asks again (If-None-Match) each time
WEB_DIR = Path(__file__).parent


def _templates_digest() -> str:
    """Templates and catalogues in the ETag: after an upgrade, a browser's old ETag no longer matches."""
    digest = hashlib.sha256()
    for path in sorted([*WEB_DIR.glob("templates/**/*"), *WEB_DIR.glob("translations/**/*.mo")]):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


TEMPLATES_DIGEST = _templates_digest()


class PageCache:
    """A thread-safe LRU of rendered bodies; `entries=0` keeps nothing (every request renders)."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, etag: str) -> bytes | None:
        with self._lock:
            body = self._bodies.get(etag)
            if body is not None:
                self._bodies.move_to_end(etag)
            return body

    def put(self, etag: str, body: bytes) -> None:
        if self.entries == 0:
            return
        with self._lock:
            self._bodies[etag] = body
            self._bodies.move_to_end(etag)
            while len(self._bodies) > self.entries:
                self._bodies.popitem(last=False)

    def __len__(self) -> int:
        return len(self._bodies)


def page_etag(request: Request, page: str, me: Participant) -> str:
    translator = get_translator(request)
    key: tuple[Hashable, ...] = (
        TEMPLATES_DIGEST,
        page,
        me.id,
        translator.language,
        translator.zone,
        hashlib.sha256(csrf_token(request).encode()).hexdigest(),
        me.mission.content_revision,
        tuple(sorted(request.query_params.multi_items())),
    )
    return '"' + hashlib.sha256(repr(key).encode()).hexdigest()[:40] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    sent = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in sent or "*" in sent


def cached_page(
    request: Request, cache: PageCache, page: str, me: Participant, render: Callable[[], Response]
) -> Response:
    """The page from the cache, or rendered and kept; a 304 when the browser already has this version."""
    if not cache.entries:
        response = render()
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    etag = page_etag(request, page, me)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    body = cache.get(etag)
    if body is None:
        rendered = render()
        if rendered.status_code != 200:
            return rendered
        body = bytes(rendered.body)
        cache.put(etag, body)
    return HTMLResponse(body, headers=headers)


def get_page_cache(request: Request) -> PageCache:
    cache: PageCache = request.app.state.page_cache
    return cache


PageCacheDep = Annotated[PageCache, Depends(get_page_cache)]
