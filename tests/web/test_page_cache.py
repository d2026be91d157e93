"""The agenda page through HTTP with the page cache (web/page_cache.py): a cached body is the fresh render
byte for byte; a write through the services changes the page and its ETag; If-None-Match gets a bodiless
304; nobody gets another participant's page; each language has its own entry."""

import httpx
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Meeting, Participant
from missionmatch.services.meeting_placement import move_meeting
from missionmatch.web.app import create_app
from missionmatch.web.page_cache import Cached, PageCache
from tests.web.conftest import Browser, World

PAGE = "/me/agenda"
HTML = "text/html; charset=utf-8"


def _cached_app_browser(world: World, cache: PageCache) -> Browser:
    return Browser(create_app(world.factory, world.settings, page_cache=cache))


def _signed_in(world: World, cache: PageCache, key: str = "p-1") -> Browser:
    browser = _cached_app_browser(world, cache)
    token = world.link_token("test-osaka", key)
    response = browser.submit(f"/login/link/{token}", page=f"/login/link/{token}")
    assert isinstance(response, httpx.Response) and response.status_code == 303
    return browser


def _move_m1(world: World, slot: int) -> None:
    with transaction(world.factory) as session:
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-1"))
        assert meeting is not None and meeting.session is not None
        move_meeting(session, meeting, meeting.session, slot)


def test_a_cached_page_is_the_fresh_render_byte_for_byte(world: World) -> None:
    cache = PageCache(100)
    anne = _signed_in(world, cache)
    first = anne.get(PAGE)
    assert len(cache) == 1
    second = anne.get(PAGE)
    # the same session in an app without cache renders afresh
    uncached = Browser(create_app(world.factory, world.settings, page_cache=PageCache(0)))
    uncached.cookies = anne.cookies
    fresh = uncached.get(PAGE)
    assert first.status_code == second.status_code == fresh.status_code == 200
    assert second.content == first.content == fresh.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == "private, no-cache"
    assert "etag" not in fresh.headers and fresh.headers["cache-control"] == "private, no-cache"


def test_a_meeting_moved_through_the_service_changes_the_page_and_its_etag(world: World) -> None:
    cache = PageCache(100)
    anne = _signed_in(world, cache)
    before = anne.get(PAGE)
    assert "2:40\u202fPM (Japan Time)" in before.text
    _move_m1(world, 1)
    after = anne.get(PAGE)
    assert "2:20\u202fPM (Japan Time)" in after.text and "2:40\u202fPM (Japan Time)" not in after.text
    assert after.headers["etag"] != before.headers["etag"]
    # the old ETag is no longer answered with a 304
    assert anne.get(PAGE, headers={"If-None-Match": before.headers["etag"]}).status_code == 200


def test_if_none_match_gets_a_304_without_a_body(world: World) -> None:
    anne = _signed_in(world, PageCache(100))
    etag = anne.get(PAGE).headers["etag"]
    response = anne.get(PAGE, headers={"If-None-Match": f'"other", W/{etag}'})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag


def test_another_participant_never_gets_the_first_ones_page(world: World) -> None:
    cache = PageCache(100)
    anne = _signed_in(world, cache, "p-1")
    jonas = _signed_in(world, cache, "p-2")
    anne_page = anne.get(PAGE)
    jonas_page = jonas.get(PAGE)
    assert anne_page.content != jonas_page.content
    assert "Visit of Kansai Orbital" in anne_page.text and "Visit of Kansai Orbital" not in jonas_page.text
    assert jonas.get(PAGE, headers={"If-None-Match": anne_page.headers["etag"]}).status_code == 200
    assert len(cache) == 2


def test_the_language_switch_gives_another_entry(world: World) -> None:
    cache = PageCache(100)
    anne = _signed_in(world, cache)
    english = anne.get(PAGE)
    anne.get("/language/fr")
    french = anne.get(PAGE)
    assert "Mon agenda" in french.text and "My agenda" in english.text
    assert french.headers["etag"] != english.headers["etag"]
    assert len(cache) == 2


def test_the_least_recently_used_page_goes_first() -> None:
    cache = PageCache(2)
    cache.put('"a"', b"a")
    cache.put('"b"', b"b")
    assert cache.get('"a"') == Cached(b"a", HTML)
    cache.put('"c"', b"c")
    kept = (cache.get('"a"'), cache.get('"b"'), cache.get('"c"'))
    assert kept == (Cached(b"a", HTML), None, Cached(b"c", HTML))


def test_the_directory_keeps_one_entry_per_search_and_shows_a_renamed_organisation(world: World) -> None:
    cache = PageCache(100)
    anne = _signed_in(world, cache)
    everyone = anne.get("/me/directory")
    searched = anne.get("/me/directory", params={"q": "Sato"})
    assert everyone.headers["etag"] != searched.headers["etag"] and len(cache) == 2
    assert anne.get("/me/directory", params={"q": "Sato"}).content == searched.content
    with transaction(world.factory) as session:
        sato = session.scalar(select(Participant).where(Participant.key == "p-4"))
        assert sato is not None
        sato.organisation.name = "Sato Trading KK"
    assert "Sato Trading KK" in anne.get("/me/directory").text


def test_the_recommendations_page_is_cached_per_participant(world: World) -> None:
    cache = PageCache(100)
    anne = _signed_in(world, cache, "p-1")
    jonas = _signed_in(world, cache, "p-2")
    first = anne.get("/me/recommendations")
    assert anne.get("/me/recommendations").content == first.content
    assert jonas.get("/me/recommendations").headers["etag"] != first.headers["etag"]
    assert len(cache) == 2
