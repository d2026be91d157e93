"""The participant sign-in page tells an anonymous visitor nothing: no mission names, and the same answer
for registered and unknown addresses."""

from sqlalchemy import func, select

from missionmatch.models import OutboxMail
from tests.web.conftest import World

MISSION_TEXTS = ("Test mission Osaka", "Other mission Tokyo", "test-osaka", "other-tokyo")


def test_anonymous_visitor_sees_no_mission_name(world: World) -> None:
    page = world.client().get("/login/participant")
    assert page.status_code == 200
    assert [text for text in MISSION_TEXTS if text in page.text] == []
    assert 'name="email"' in page.text and 'name="mission"' not in page.text


def test_known_and_unknown_addresses_get_the_same_page(world: World) -> None:
    browser = world.client()
    known = browser.submit("/login/participant", {"email": "sato@orbital.example.jp"}, page="/login")
    unknown = browser.submit("/login/participant", {"email": "nobody@example.com"}, page="/login")
    assert (known.status_code, unknown.status_code) == (200, 200)
    assert known.text == unknown.text
    assert [text for text in MISSION_TEXTS if text in known.text] == []
    with world.factory() as session:
        recipients = list(session.scalars(select(OutboxMail.recipient)))
    assert recipients == ["sato@orbital.example.jp", "sato@orbital.example.jp"]


def test_the_address_is_matched_whatever_its_case_and_spaces(world: World) -> None:
    browser = world.client()
    browser.submit("/login/participant", {"email": "  SATO@orbital.example.JP "}, page="/login")
    with world.factory() as session:
        assert session.scalar(select(func.count(OutboxMail.id))) == 2


def test_a_link_opens_the_mission_it_was_mailed_for(world: World) -> None:
    browser = world.client()
    browser.submit("/login/participant", {"email": "sato@orbital.example.jp"}, page="/login")
    with world.factory() as session:
        mail = session.scalar(select(OutboxMail).where(OutboxMail.subject.contains("Other mission Tokyo")))
        token = mail.body.split("/login/link/")[1].split()[0]
    participant = world.client()
    response = participant.submit(f"/login/link/{token}", page=f"/login/link/{token}")
    assert response.headers["location"] == "/me"
    assert "Other mission Tokyo" in participant.get("/me").text
