"""API token pages (/account/tokens for organisers, /me/tokens for participants): create (shown once), list,
revoke; a revoked token is refused with 401; nobody revokes another owner's token (404)."""

import re

from sqlalchemy import func, select, update

from missionmatch import clock
from missionmatch.models import ApiToken, OrganiserAccount, Participant
from missionmatch.services.accounts import hash_token
from tests.web.api_client import INVALID_TOKEN, api
from tests.web.conftest import PASSWORD, Browser, World

_SHOWN = re.compile(r'<code id="new-token">([^<]+)</code>')
PAGE = "/account/tokens"


def _create(browser: Browser, label: str, page: str = PAGE) -> str:
    response = browser.submit(page, {"label": label}, page=page)
    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    match = _SHOWN.search(response.text)
    assert match, "the new token is shown"
    return match.group(1)


def _token_ids(world: World) -> list[int]:
    with world.factory() as session:
        return list(session.scalars(select(ApiToken.id).order_by(ApiToken.id)))


def test_an_organiser_creates_a_token_shown_once_that_works(world: World) -> None:
    browser = world.organiser()
    token = _create(browser, "  nightly export ")
    listing = browser.get(PAGE).text
    assert "nightly export" in listing and token not in listing and "Active" in listing
    response = api(world, token).get("/api/v1/missions")
    assert (response.status_code, [m["slug"] for m in response.json()]) == (200, ["test-osaka"])
    with world.factory() as session:
        stored = session.scalar(select(ApiToken))
        owner = (stored.label, stored.organiser.email, stored.participant_id)
        assert (owner, stored.token_hash) == (("nightly export", "orga@a.lu", None), hash_token(token))


def test_a_revoked_token_is_refused_with_401(world: World) -> None:
    browser = world.organiser()
    token = _create(browser, "ci")
    (token_id,) = _token_ids(world)
    response = browser.submit(f"{PAGE}/{token_id}/revoke", page=PAGE)
    assert (response.status_code, response.headers["location"]) == (303, PAGE)
    refused = api(world, token).get("/api/v1/missions")
    assert (refused.status_code, refused.json()) == (401, INVALID_TOKEN)
    assert "Revoked" in browser.get(PAGE).text


def test_a_deactivated_organisers_token_and_password_are_refused_with_401(world: World) -> None:
    token = _create(world.organiser(), "ci")
    with world.factory.begin() as session:
        session.execute(
            update(OrganiserAccount).where(OrganiserAccount.email == "orga@a.lu").values(active=False)
        )
    refused = api(world, token).get("/api/v1/missions")
    assert (refused.status_code, refused.json()) == (401, INVALID_TOKEN)
    browser = world.client()
    response = browser.submit("/login", {"email": "orga@a.lu", "password": PASSWORD}, page="/login")
    assert (response.status_code, "Wrong e-mail address or password." in response.text) == (401, True)
    assert browser.get("/missions", follow_redirects=False).status_code == 303


def test_an_erased_participants_token_is_refused_with_401(world: World) -> None:
    token = _create(world.as_participant("test-osaka", "p-1"), "my CRM", page="/me/tokens")
    assert api(world, token).get("/api/v1/me/profile").status_code == 200
    anne = world.participant("test-osaka", "p-1")
    with world.factory.begin() as session:  # erased_at set, the token row still there
        session.execute(update(Participant).where(Participant.id == anne.id).values(erased_at=clock.now()))
    refused = api(world, token).get("/api/v1/me/profile")
    assert (refused.status_code, refused.json()) == (401, INVALID_TOKEN)


def test_another_organiser_cannot_see_or_revoke_my_token(world: World) -> None:
    token = _create(world.organiser(), "mine")
    (token_id,) = _token_ids(world)
    stranger = world.organiser("orga@b.lu")
    assert "mine" not in stranger.get(PAGE).text
    assert stranger.submit(f"{PAGE}/{token_id}/revoke", page=PAGE).status_code == 404
    assert stranger.submit(f"{PAGE}/999999/revoke", page=PAGE).status_code == 404
    assert api(world, token).get("/api/v1/missions").status_code == 200


def test_a_too_long_label_is_422_and_nothing_is_created(world: World) -> None:
    browser = world.organiser()
    response = browser.submit(PAGE, {"label": "x" * 201}, page=PAGE)
    assert response.status_code == 422
    assert "The label is at most 200 characters." in response.text
    assert _token_ids(world) == []


def test_forms_need_the_csrf_token_and_a_signed_in_organiser(world: World) -> None:
    browser = world.organiser()
    assert browser.post(PAGE, data={"label": "x"}, follow_redirects=False).status_code == 403
    anonymous = world.client().get(PAGE, follow_redirects=False)
    assert (anonymous.status_code, anonymous.headers["location"]) == (303, "/login?next=/account/tokens")
    with world.factory() as session:
        assert session.scalar(select(func.count()).select_from(ApiToken)) == 0


def test_a_participant_token_acts_as_the_participant_and_only_they_revoke_it(world: World) -> None:
    anne = world.as_participant("test-osaka", "p-1")
    token = _create(anne, "my CRM", page="/me/tokens")
    (token_id,) = _token_ids(world)
    assert api(world, token).get("/api/v1/me/profile").json()["language"] == "fr"
    jonas = world.as_participant("test-osaka", "p-2")
    assert jonas.submit(f"/me/tokens/{token_id}/revoke", page="/me/tokens").status_code == 404
    organiser = world.organiser()
    assert organiser.submit(f"{PAGE}/{token_id}/revoke", page=PAGE).status_code == 404
    assert api(world, token).get("/api/v1/me/profile").status_code == 200
    response = anne.submit(f"/me/tokens/{token_id}/revoke", page="/me/tokens")
    assert (response.status_code, response.headers["location"]) == (303, "/me/tokens")
    assert api(world, token).get("/api/v1/me/profile").status_code == 401


def test_the_page_in_french_and_japanese(world: World) -> None:
    browser = world.organiser()
    browser.get("/language/fr")
    assert "<h1>Jetons d&#39;API</h1>" in browser.get(PAGE).text
    browser.get("/language/ja")
    page = browser.submit(PAGE, {"label": "x"}, page=PAGE).text
    assert "このトークンを今すぐコピーしてください。二度と表示されません。" in page
