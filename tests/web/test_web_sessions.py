"""Sessions end for real: a cookie copied before logout or a password change no longer signs anyone in;
sessions end when idle or too old; a password change keeps only the browser that made it."""

import datetime as dt

from sqlalchemy import select, update

from missionmatch.models import LoginThrottle, WebSession
from missionmatch.services.web_sessions import IDLE, LONGEST
from tests.web.conftest import PASSWORD, World


def _replay(world: World, cookie: str):  # type: ignore[no-untyped-def]
    thief = world.client()
    thief.cookies.set("mm_session", cookie)
    return thief.get("/missions", follow_redirects=False)


def test_a_cookie_replayed_after_logout_is_refused(world: World) -> None:
    browser = world.organiser()
    copied = browser.cookies["mm_session"]
    assert _replay(world, copied).status_code == 200  # the copy works while the session is open
    assert browser.submit("/logout", page="/missions").status_code == 303
    replayed = _replay(world, copied)
    assert (replayed.status_code, replayed.headers["location"]) == (303, "/login?next=/missions")
    with world.factory() as session:
        assert [s.ended_at is not None for s in session.scalars(select(WebSession))] == [True]


def test_a_participant_cookie_replayed_after_logout_is_refused(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    copied = browser.cookies["mm_session"]
    browser.submit("/logout", page="/me")
    thief = world.client()
    thief.cookies.set("mm_session", copied)
    assert thief.get("/me", follow_redirects=False).headers["location"] == "/login/participant?next=/me"


def test_changing_the_password_ends_every_other_session(world: World) -> None:
    office, laptop = world.organiser(), world.organiser()
    response = office.submit(
        "/account/password", {"current": PASSWORD, "new": "a new long password"}, page="/account/password"
    )
    assert response.status_code == 200
    assert "Your password has been changed. You are signed out everywhere else." in response.text
    assert laptop.get("/missions", follow_redirects=False).status_code == 303
    assert office.get("/missions", follow_redirects=False).status_code == 200  # a fresh session
    old = world.client().submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    new = world.client().submit(
        "/login", {"email": "orga@a.lu", "password": "a new long password"}, page="/login"
    )
    assert (old.status_code, new.status_code) == (401, 303)


def test_a_password_change_needs_the_current_password_and_a_long_new_one(world: World) -> None:
    browser = world.organiser()
    wrong = browser.submit("/account/password", {"current": "x", "new": "long enough!!"}, page="/")
    short = browser.submit("/account/password", {"current": PASSWORD, "new": "elevenchars"}, page="/")
    assert (wrong.status_code, short.status_code) == (400, 400)
    assert "The current password is wrong." in wrong.text
    assert "The new password needs at least 12 characters." in short.text
    assert browser.get("/missions", follow_redirects=False).status_code == 200


def test_guessing_the_current_password_is_limited_like_signing_in(world: World) -> None:
    browser = world.organiser()
    statuses = [
        browser.submit("/account/password", {"current": "x", "new": "long enough!!"}, page="/").status_code
        for _ in range(6)
    ]
    assert statuses == [400, 400, 400, 400, 400, 429]


def test_an_idle_session_ends(world: World) -> None:
    browser = world.organiser()
    long_ago = dt.datetime.now(dt.UTC) - IDLE
    with world.factory.begin() as session:
        session.execute(update(WebSession).values(last_seen_at=long_ago))
    assert browser.get("/missions", follow_redirects=False).status_code == 303


def test_a_session_in_use_ends_after_fourteen_days_anyway(world: World) -> None:
    browser = world.organiser()
    with world.factory.begin() as session:
        session.execute(update(WebSession).values(expires_at=dt.datetime.now(dt.UTC)))
    assert browser.get("/missions", follow_redirects=False).status_code == 303
    assert dt.timedelta(days=14) == LONGEST


def test_reading_pages_records_the_last_use_every_few_minutes_only(world: World) -> None:
    browser = world.organiser()
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with world.factory.begin() as session:
        session.execute(update(WebSession).values(last_seen_at=an_hour_ago))
    browser.get("/missions")
    with world.factory() as session:
        seen = session.scalar(select(WebSession.last_seen_at))
    assert seen > an_hour_ago + dt.timedelta(minutes=59)
    with world.factory() as session:
        assert session.scalar(select(LoginThrottle.attempts).where(LoginThrottle.key.like("pair:%"))) == 0


def test_signing_in_again_ends_the_session_the_browser_had(world: World) -> None:
    browser = world.organiser()
    copied = browser.cookies["mm_session"]
    browser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    assert _replay(world, copied).status_code == 303
    assert browser.get("/missions", follow_redirects=False).status_code == 200
