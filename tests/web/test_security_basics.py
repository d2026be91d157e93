"""ASVS level-1 basics not covered elsewhere: a new random session id at sign-in, kept only as a hash;
cookie attributes; output encoding; upload size; long passwords used whole."""

import base64
import dataclasses
import hashlib
import json

from itsdangerous import TimestampSigner
from sqlalchemy import select, update

from missionmatch.db import transaction
from missionmatch.models import Participant, WebSession
from missionmatch.services.accounts import authenticate_organiser, create_organiser
from missionmatch.web.app import create_app
from tests.web.conftest import PASSWORD, SETTINGS, Browser, World


def _cookie_contents(browser: Browser) -> dict:
    signed = TimestampSigner(SETTINGS.secret_key).unsign(browser.cookies["mm_session"].encode())
    return json.loads(base64.b64decode(signed))


def test_signing_in_issues_a_new_random_session_id_kept_only_as_a_hash(world: World) -> None:
    browser = world.client()
    browser.get("/login")
    before = _cookie_contents(browser)
    browser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    after = _cookie_contents(browser)
    assert sorted(before) == ["csrf"] and sorted(after) == ["csrf", "role", "sid"]
    assert after["csrf"] != before["csrf"] and len(after["sid"]) == 43  # 32 random bytes
    with world.factory() as session:
        stored = session.scalar(select(WebSession.token_hash))
    assert stored == hashlib.sha256(after["sid"].encode()).hexdigest() != after["sid"]


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(world: World) -> None:
    plain = world.client().get("/login").headers["set-cookie"].lower()
    https = dataclasses.replace(SETTINGS, https_only=True)
    secure = Browser(create_app(world.factory, https)).get("/login").headers["set-cookie"].lower()
    assert ("httponly" in plain, "samesite=lax" in plain, "secure" in plain) == (True, True, False)
    assert ("httponly" in secure, "samesite=lax" in secure, "secure" in secure) == (True, True, True)


def test_a_name_with_markup_is_shown_as_text(world: World) -> None:
    with world.factory.begin() as session:
        session.execute(
            update(Participant).where(Participant.key == "p-1").values(first_name="<script>alert(1)</script>")
        )
    page = world.organiser().get("/missions/test-osaka/participants").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_an_upload_over_5_mb_is_refused(world: World) -> None:
    response = world.organiser().submit(
        "/missions/test-osaka/import",
        page="/missions/test-osaka/import",
        files={"file": ("big.csv", b"x" * (5 * 1024 * 1024 + 1), "text/csv")},
    )
    assert (response.status_code, "The file is larger than 5 MB." in response.text) == (400, True)


def test_a_long_password_is_used_whole(world: World) -> None:
    long_password = "correct horse battery staple " * 4  # 116 characters
    with transaction(world.factory) as session:
        create_organiser(session, "long@a.lu", long_password, [])
    with world.factory() as session:
        assert authenticate_organiser(session, "long@a.lu", long_password[:-1], "192.0.2.1") is None
        assert authenticate_organiser(session, "long@a.lu", long_password, "192.0.2.1") is not None


def test_the_api_does_not_accept_the_page_cookie(world: World) -> None:
    browser = world.organiser()
    assert browser.get("/missions").status_code == 200
    response = browser.get("/api/v1/missions")
    assert (response.status_code, response.json()) == (401, {"detail": "missing or invalid API token"})
