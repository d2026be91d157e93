"""The limits as a visitor meets them: 429 with Retry-After and a page in their language; sign-in link
requests limited per address and one mail per mailbox, with the same answer for unknown addresses."""

import pytest
from sqlalchemy import select

from missionmatch import clock
from missionmatch.models import OutboxMail
from missionmatch.services.login_throttle import LINK_FROM_ADDRESS
from tests.web.conftest import PASSWORD, World


@pytest.fixture
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waits are reported to the second; the clock stands still so that the slow password checks in
    between do not shorten them."""
    moment = clock.now()
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_a_sixth_guess_gets_429_with_retry_after_in_french(world: World, stopped_clock: None) -> None:
    browser = world.client()
    browser.cookies.set("mm_lang", "fr")
    for _ in range(5):
        browser.submit("/login", {"email": "orga@a.lu", "password": "x"}, page="/login")
    response = browser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    assert (response.status_code, response.headers["retry-after"]) == (429, "30")
    assert "Trop de tentatives. Veuillez réessayer dans 30 secondes." in response.text


def test_the_same_guesses_from_another_address_leave_the_organiser_in(world: World) -> None:
    stranger = world.client()
    for _ in range(8):
        stranger.submit("/login", {"email": "orga@a.lu", "password": "x"}, page="/login")
    organiser = type(stranger)(world.client().app, client=("192.0.2.10", 50000))
    response = organiser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    assert response.status_code == 303


def _mails(world: World) -> list[str]:
    with world.factory() as session:
        return list(session.scalars(select(OutboxMail.recipient).order_by(OutboxMail.id)))


def test_asking_again_for_a_link_soon_sends_no_second_mail(world: World) -> None:
    browser = world.client()
    pages = [
        browser.submit("/login/participant", {"email": "sato@orbital.example.jp"}, page="/login").text
        for _ in range(3)
    ]
    assert pages[0] == pages[1] == pages[2]  # nothing tells the visitor that no mail went out
    assert _mails(world) == ["sato@orbital.example.jp", "sato@orbital.example.jp"]  # his two missions


def test_link_requests_from_one_address_are_limited_for_any_mailbox(
    world: World, stopped_clock: None
) -> None:
    browser = world.client()
    statuses = [
        browser.submit("/login/participant", {"email": f"n{number}@example.com"}, page="/login").status_code
        for number in range(LINK_FROM_ADDRESS.free)
    ]
    known = browser.submit("/login/participant", {"email": "sato@orbital.example.jp"}, page="/login")
    unknown = browser.submit("/login/participant", {"email": "nobody@example.com"}, page="/login")
    assert statuses == [200] * LINK_FROM_ADDRESS.free
    assert (known.status_code, unknown.status_code, known.headers["retry-after"]) == (429, 429, "60")
    assert known.text == unknown.text
    assert "Too many attempts. Please try again in 60 seconds." in known.text
    assert _mails(world) == []
