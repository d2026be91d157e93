"""Rendered pages and API bodies kept in memory, per process, keyed by everything the body depends on: the
page, who asks (a participant or an organiser, through the pages or the API), for pages the viewer's
language, time zone and the session's CSRF token (it is in every form), the mission's content revision
(bumped by every write that changes what they show, models/content_revision.py) and the query. A write
elsewhere makes the old entries unreachable; the LRU drops them in time. A body that reads the clock (a
request that expires) is kept only until that moment.

The ETag is derived from the key, so a browser that sends it back gets a 304 without a render. A cache hit
is usually answered before the routes by web/cache_hits.py, with the same keys."""

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from fastapi.responses import Response

from missionmatch import clock
from missionmatch.models import Participant
from missionmatch.web.deps import get_translator
from missionmatch.web.security import csrf_token

if TYPE_CHECKING:
    from missionmatch.web.shared_bodies import SharedBodies

CACHE_CONTROL = "private, no-cache"  # the browser may keep it, but asks again (If-None-Match) each time
WEB_DIR = Path(__file__).parent
Viewer = tuple[str, int]  # ("participant" | "organiser", id)


def _templates_digest() -> str:
    """Templates and catalogues in the ETag: after an upgrade, a browser's old ETag no longer matches."""
    digest = hashlib.sha256()
    for path in sorted([*WEB_DIR.glob("templates/**/*"), *WEB_DIR.glob("translations/**/*.mo")]):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


TEMPLATES_DIGEST = _templates_digest()


@dataclass(frozen=True)
class Cached:
    body: bytes
    media_type: str
    fresh_until: dt.datetime | None = None  # None: until the revision changes

    def fresh(self) -> bool:
        return self.fresh_until is None or clock.now() < self.fresh_until


class PageCache:
    """A thread-safe LRU of rendered bodies; `entries=0` keeps nothing (every request renders). With `shared`
    (web/shared_bodies.py), what this process does not hold is looked up among the other processes' bodies,
    and what it renders is shared with them."""

    def __init__(self, entries: int, shared: "SharedBodies | None" = None) -> None:
        self.entries = entries
        self.shared = shared if entries else None
        self._bodies: OrderedDict[str, Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, etag: str) -> Cached | None:
        """The body kept under this key while it is fresh."""
        with self._lock:
            found = self._bodies.get(etag)
            if found is not None and not found.fresh():
                del self._bodies[etag]
                return None
            if found is not None:
                self._bodies.move_to_end(etag)
                return found
        found = self.shared.get(etag) if self.shared is not None else None
        if found is not None:
            self._keep(etag, found)
        return found

    def put(self, etag: str, body: bytes | Cached) -> None:
        if self.entries == 0:
            return
        kept = body if isinstance(body, Cached) else Cached(body, "text/html; charset=utf-8")
        self._keep(etag, kept)
        if self.shared is not None:
            self.shared.put(etag, kept)

    def _keep(self, etag: str, kept: Cached) -> None:
        with self._lock:
            self._bodies[etag] = kept
            self._bodies.move_to_end(etag)
            while len(self._bodies) > self.entries:
                self._bodies.popitem(last=False)

    def __len__(self) -> int:
        return len(self._bodies)


def cache_key(request: Request, page: str, viewer: Viewer, revision: int, *, html: bool = True) -> str:
    """The ETag of `page` for `viewer` at `revision`; pages add the viewer's language, zone and CSRF token
    (the API's bodies depend on none of them)."""
    translation: tuple[Hashable, ...] = ()
    if html:
        translator = get_translator(request)
        csrf = hashlib.sha256(csrf_token(request).encode()).hexdigest()
        translation = (translator.language, translator.zone, csrf)
    key: tuple[Hashable, ...] = (
        TEMPLATES_DIGEST,
        page,
        viewer,
        *translation,
        revision,
        tuple(sorted(request.query_params.multi_items())),
    )
    return '"' + hashlib.sha256(repr(key).encode()).hexdigest()[:40] + '"'


def page_etag(request: Request, page: str, me: Participant) -> str:
    return cache_key(request, page, ("participant", me.id), me.mission.content_revision)


def matches(if_none_match: str, etag: str) -> bool:
    sent = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in sent or "*" in sent


def cached_response(
    request: Request,
    cache: PageCache,
    etag: str,
    render: Callable[[], Response],
    fresh_until: Callable[[], dt.datetime | None] = lambda: None,
) -> Response:
    """The body kept under `etag`, or rendered and kept; a 304 when the browser already has this version.
    `fresh_until` is asked after the render: when the body stops being true without a write."""
    if not cache.entries:
        response = render()
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    found = cache.get(etag)
    if found is not None and matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    if found is None:
        rendered = render()
        if rendered.status_code != 200:
            return rendered
        media_type = rendered.headers.get("content-type", "text/html; charset=utf-8")
        found = Cached(bytes(rendered.body), media_type, fresh_until())
        cache.put(etag, found)
    return Response(found.body, headers=headers, media_type=found.media_type)


def cached_page(
    request: Request, cache: PageCache, page: str, me: Participant, render: Callable[[], Response]
) -> Response:
    """A participant's page from the cache, or rendered and kept."""
    etag = page_etag(request, page, me) if cache.entries else ""
    return cached_response(request, cache, etag, render)


def get_page_cache(request: Request) -> PageCache:
    cache: PageCache = request.app.state.page_cache
    return cache


PageCacheDep = Annotated[PageCache, Depends(get_page_cache)]
