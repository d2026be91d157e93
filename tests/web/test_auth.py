"""Signing in and out: passwords, rate limit, one-time links, CSRF."""

import datetime as dt

from sqlalchemy import func, select, update

from missionmatch.models import LoginLink, OutboxMail
from tests.web.conftest import PASSWORD, World


def test_organiser_login_with_the_right_password_redirects_to_missions(world: World) -> None:
    browser = world.client()
    response = browser.submit("/login", {"email": "ORGA@a.lu", "password": PASSWORD}, page="/login")
    assert (response.status_code, response.headers["location"]) == (303, "/missions")
    assert browser.get("/missions").status_code == 200


def test_organiser_login_with_a_wrong_password_is_refused(world: World) -> None:
    browser = world.client()
    response = browser.submit("/login", {"email": "orga@a.lu", "password": "nope"}, page="/login")
    assert response.status_code == 401
    assert "Wrong e-mail address or password." in response.text
    assert browser.get("/missions", follow_redirects=False).status_code == 303


def test_login_is_rate_limited_after_five_failures_even_with_the_right_password(world: World) -> None:
    browser = world.client()
    for _ in range(5):
        assert (
            browser.submit("/login", {"email": "orga@a.lu", "password": "x"}, page="/login").status_code
            == 401
        )
    response = browser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    assert response.status_code == 429


def test_login_redirects_only_to_local_paths(world: World) -> None:
    browser = world.client()
    data = {"email": "orga@a.lu", "password": PASSWORD, "next": "https://evil.example/"}
    assert browser.submit("/login", data, page="/login").headers["location"] == "/missions"


def test_logout_ends_the_session(world: World) -> None:
    browser = world.organiser()
    assert browser.submit("/logout", page="/missions").status_code == 303
    assert browser.get("/missions", follow_redirects=False).headers["location"] == "/login?next=/missions"


def test_login_link_signs_in_once(world: World) -> None:
    token = world.link_token("test-osaka", "p-1")
    browser = world.client()
    assert browser.get(f"/login/link/{token}").status_code == 200  # the confirmation page does not use it
    response = browser.submit(f"/login/link/{token}", page=f"/login/link/{token}")
    assert (response.status_code, response.headers["location"]) == (303, "/me")
    assert "Anne Muller" in browser.get("/me").text
    again = world.client().submit(f"/login/link/{token}", page=f"/login/link/{token}")
    assert again.status_code == 410


def test_expired_login_link_is_refused(world: World) -> None:
    token = world.link_token("test-osaka", "p-1")
    with world.factory.begin() as session:
        session.execute(update(LoginLink).values(expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    response = world.client().submit(f"/login/link/{token}", page=f"/login/link/{token}")
    assert response.status_code == 410


def test_asking_for_a_link_queues_a_mail_only_for_registered_addresses(world: World) -> None:
    browser = world.client()
    known = browser.submit(
        "/login/participant",
        {"email": "Anne.Muller@luxsat.example.lu", "mission": "test-osaka"},
        page="/login",
    )
    unknown = browser.submit(
        "/login/participant", {"email": "nobody@example.com", "mission": "test-osaka"}, page="/login"
    )
    assert known.status_code == unknown.status_code == 200
    assert "a sign-in link is on its way" in known.text and "a sign-in link is on its way" in unknown.text
    with world.factory() as session:
        mails = list(session.scalars(select(OutboxMail)))
    # Anne is registered for both missions of the fixture: one link for each, each mail naming its mission
    assert [(mail.recipient, mail.subject) for mail in mails] == [
        ("anne.muller@luxsat.example.lu", "Votre lien de connexion pour Test mission Osaka"),
        ("anne.muller@luxsat.example.lu", "Votre lien de connexion pour Other mission Tokyo"),
    ]
    assert "http://testserver/login/link/" in mails[0].body


def test_form_without_csrf_token_is_forbidden(world: World) -> None:
    browser = world.client()
    response = browser.post("/login", data={"email": "orga@a.lu", "password": PASSWORD})
    assert response.status_code == 403


def test_csrf_token_of_another_session_is_forbidden(world: World) -> None:
    foreign_token = world.client().csrf("/login")
    browser = world.client()
    browser.get("/login")
    data = {"email": "orga@a.lu", "password": PASSWORD, "csrf_token": foreign_token}
    assert browser.post("/login", data=data).status_code == 403
    with world.factory() as session:
        assert session.scalar(select(func.count()).select_from(LoginLink)) == 0
