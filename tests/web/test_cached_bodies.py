"""The organiser's dashboard and the API bodies of the rush, cached by content revision (web/page_cache.py)
and answered before the routes on a hit (web/cache_hits.py), over real HTTP (a uvicorn server on loopback):
a cached body is the fresh one; each write that changes what they show changes the body; a hit is one SQL
statement; and nothing cached outlives a logout, a revoked token, a deactivated account, or the expiry
of a request it shows."""

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import event, select, update

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import ApiToken, Meeting, MeetingRequest, OrganiserAccount, Participant
from missionmatch.services.meeting_placement import move_meeting
from missionmatch.services.meeting_requests import send_request
from missionmatch.settings import MailSettings
from missionmatch.web.app import create_app
from missionmatch.web.page_cache import PageCache
from tests.web.conftest import PASSWORD, World
from tests.web.live_server import csrf, live_server, sign_in_with_link

DASHBOARD = "/missions/test-osaka"


@pytest.fixture
def server(world: World) -> Iterator[str]:
    with live_server(create_app(world.factory, world.settings, page_cache=PageCache(100))) as base:
        yield base


def _organiser(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base)
    form = {"csrf_token": csrf(client, "/login"), "email": "orga@a.lu", "password": PASSWORD}
    assert client.post("/login", data=form).status_code == 303
    return client


def _participant(world: World, base: str, key: str = "p-1") -> httpx.Client:
    return httpx.Client(base_url=base, cookies=sign_in_with_link(base, world.link_token("test-osaka", key)))


def _api(world: World, base: str, **who: object) -> httpx.Client:
    token = world.api_token(**who)  # type: ignore[arg-type]
    return httpx.Client(base_url=base, headers={"authorization": f"Bearer {token}"})


def _request(world: World, requester: str = "p-1", recipient: str = "p-4") -> None:
    with transaction(world.factory) as session:
        sender = session.get(Participant, world.participant("test-osaka", requester).id)
        receiver = session.get(Participant, world.participant("test-osaka", recipient).id)
        assert sender is not None and receiver is not None
        send_request(session, sender, receiver, "Shall we meet?", mail=MailSettings())


def _move_m1(world: World, slot: int) -> None:
    with transaction(world.factory) as session:
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-1"))
        assert meeting is not None and meeting.session is not None
        move_meeting(session, meeting, meeting.session, slot)


def _requests_figure(page: str) -> str:
    return page.split("<dt>Meeting requests</dt><dd>")[1].split("</dd>")[0]


def test_the_dashboard_is_cached_and_a_new_request_changes_it(world: World, server: str) -> None:
    organiser = _organiser(server)
    first, second = organiser.get(DASHBOARD), organiser.get(DASHBOARD)
    uncached = httpx.Client(base_url=server, cookies=organiser.cookies)
    with live_server(create_app(world.factory, world.settings, page_cache=PageCache(0))) as plain:
        fresh = httpx.get(f"{plain}{DASHBOARD}", cookies=uncached.cookies)
    assert first.status_code == second.status_code == fresh.status_code == 200
    assert first.content == second.content == fresh.content
    assert first.headers["etag"] == second.headers["etag"]
    before = int(_requests_figure(first.text))
    _request(world)
    after = organiser.get(DASHBOARD)
    assert int(_requests_figure(after.text)) == before + 1
    assert after.headers["etag"] != first.headers["etag"]


def test_a_cached_dashboard_is_no_one_elses(world: World, server: str) -> None:
    assert _organiser(server).get(DASHBOARD).status_code == 200
    stranger = httpx.Client(base_url=server)
    form = {"csrf_token": csrf(stranger, "/login"), "email": "orga@b.lu", "password": PASSWORD}
    assert stranger.post("/login", data=form).status_code == 303
    assert stranger.get(DASHBOARD).status_code == 404


def test_a_deactivated_organiser_loses_the_cached_dashboard(world: World, server: str) -> None:
    organiser = _organiser(server)
    assert organiser.get(DASHBOARD).status_code == 200
    with transaction(world.factory) as session:
        session.execute(
            update(OrganiserAccount).where(OrganiserAccount.email == "orga@a.lu").values(active=False)
        )
    refused = organiser.get(DASHBOARD)
    assert (refused.status_code, refused.headers["location"]) == (303, f"/login?next={DASHBOARD}")


def test_a_cookie_copied_before_logout_gets_no_cached_page(world: World, server: str) -> None:
    anne = _participant(world, server)
    assert anne.get("/me/agenda").status_code == 200
    copied = httpx.Client(base_url=server, cookies=anne.cookies)
    assert copied.get("/me/agenda").status_code == 200  # a hit while the session is open
    assert anne.post("/logout", data={"csrf_token": csrf(anne, "/me")}).status_code == 303
    replayed = copied.get("/me/agenda")
    assert (replayed.status_code, replayed.headers["location"]) == (303, "/login/participant?next=/me/agenda")


def test_a_hit_is_one_statement(world: World, server: str) -> None:
    anne = _participant(world, server)
    assert anne.get("/me/agenda").status_code == 200  # rendered and kept
    statements: list[str] = []
    engine = world.factory.kw["bind"]

    def listener(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        hit = anne.get("/me/agenda")
        not_modified = anne.get("/me/agenda", headers={"If-None-Match": hit.headers["etag"]})
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert (hit.status_code, not_modified.status_code, not_modified.content) == (200, 304, b"")
    assert len(statements) == 2 and all("content_revision" in s for s in statements)


def test_the_api_agenda_is_cached_and_follows_a_moved_meeting(world: World, server: str) -> None:
    anne = _api(world, server, participant=("test-osaka", "p-1"))
    first, second = anne.get("/api/v1/me/agenda"), anne.get("/api/v1/me/agenda")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.headers["content-type"] == "application/json"
    _move_m1(world, 1)
    after = anne.get("/api/v1/me/agenda")
    assert after.json() != first.json() and after.headers["etag"] != first.headers["etag"]
    plain = create_app(world.factory, world.settings, page_cache=PageCache(0))
    with live_server(plain) as uncached:
        fresh = httpx.get(f"{uncached}/api/v1/me/agenda", headers=anne.headers, timeout=60)  # a cold server
    assert fresh.json() == after.json()


def test_the_api_schedule_and_mission_follow_writes(world: World, server: str) -> None:
    organiser = _api(world, server, organiser="orga-api@a.lu")
    with transaction(world.factory) as session:  # the new account manages test-osaka
        account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == "orga-api@a.lu"))
        anne = session.get(Participant, world.participant("test-osaka", "p-1").id)
        assert account is not None and anne is not None
        account.missions.append(anne.mission)
    schedule = organiser.get("/api/v1/missions/test-osaka/schedule")
    assert (
        schedule.status_code == 200
        and organiser.get("/api/v1/missions/test-osaka/schedule").content == schedule.content
    )
    _move_m1(world, 1)
    moved = organiser.get("/api/v1/missions/test-osaka/schedule")
    assert moved.json()["meetings"] != schedule.json()["meetings"]
    assert organiser.get("/api/v1/missions/test-osaka").json()["slug"] == "test-osaka"
    assert organiser.get("/api/v1/missions/other-tokyo").status_code == 404


def test_a_revoked_token_gets_no_cached_body(world: World, server: str) -> None:
    anne = _api(world, server, participant=("test-osaka", "p-1"))
    assert anne.get("/api/v1/me/recommendations").status_code == 200
    assert anne.get("/api/v1/me/recommendations").status_code == 200
    with transaction(world.factory) as session:
        session.execute(update(ApiToken).values(revoked_at=clock.now()))
    assert anne.get("/api/v1/me/recommendations").status_code == 401


def test_the_api_requests_show_a_new_request_and_its_expiry(
    world: World, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne = _api(world, server, participant=("test-osaka", "p-1"))
    before = anne.get("/api/v1/requests").json()
    _request(world)
    pending = anne.get("/api/v1/requests").json()
    assert len(pending) == len(before) + 1 and pending[0]["status"] == "pending"
    assert anne.get("/api/v1/requests").json() == pending  # a hit
    with world.factory() as session:
        expiry = session.scalars(select(MeetingRequest.expires_at).order_by(MeetingRequest.id.desc())).first()
    assert expiry is not None
    later = expiry + dt.timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)  # no write: only the clock moved
    assert anne.get("/api/v1/requests").json()[0]["status"] == "expired"
