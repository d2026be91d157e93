"""A mission's request rules over HTTP: organisers set the window and the limit on the settings page;
participants' pages and the API refuse alike (409), the page in words, the API with the rule's code."""

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy import select

from missionmatch import clock
from missionmatch.models import Mission
from tests.web.conftest import World

SETTINGS = "/missions/test-osaka/settings"
DATES = {"start_date": "2025-05-24", "end_date": "2025-05-31", "timezone": "Asia/Tokyo"}


def _set(world: World, **rules: object) -> None:
    with world.factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        for name, value in rules.items():
            setattr(mission, name, value)
        session.commit()


def _api(world: World, key: str) -> TestClient:
    token = world.api_token(participant=("test-osaka", key))
    return TestClient(world.client().app, headers={"authorization": f"Bearer {token}"})


def test_organiser_sets_the_window_on_the_mission_clocks_and_the_limit(world: World) -> None:
    browser = world.organiser()
    rules = {"requests_open_at": "2025-05-12T09:00", "requests_close_at": "2025-05-23T18:00"}
    response = browser.submit(SETTINGS, {**DATES, **rules, "max_open_requests": "4"}, page=SETTINGS)
    assert response.headers["location"] == f"{SETTINGS}?saved=1"
    with world.factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        assert (mission.requests_open_at, mission.requests_close_at, mission.max_open_requests) == (
            dt.datetime(2025, 5, 12, 0, 0, tzinfo=dt.UTC),
            dt.datetime(2025, 5, 23, 9, 0, tzinfo=dt.UTC),
            4,
        )
    page = browser.get(SETTINGS).text
    assert 'name="requests_open_at" value="2025-05-12T09:00"' in page
    assert 'name="requests_close_at" value="2025-05-23T18:00"' in page
    assert 'name="max_open_requests" min="1" value="4"' in page
    browser.submit(SETTINGS, DATES, page=SETTINGS)  # emptied fields: no window, no limit
    assert 'name="max_open_requests" min="1" value=""' in browser.get(SETTINGS).text


def test_wrong_request_rules_are_named_in_the_viewers_language(world: World) -> None:
    browser = world.organiser()
    rules = {"requests_open_at": "2025-05-12T09:00", "requests_close_at": "2025-05-11T09:00"}
    response = browser.submit(SETTINGS, {**DATES, **rules, "max_open_requests": "0"}, page=SETTINGS)
    assert response.status_code == 422
    assert "The end must be after the start." in response.text
    assert "Enter a whole number from 1 to 1000." in response.text
    unreadable = {"requests_open_at": "soon", "max_open_requests": "ten"}
    response = browser.submit(SETTINGS, {**DATES, **unreadable}, page=SETTINGS)
    assert response.status_code == 422
    assert (
        "Enter a date and a time." in response.text
        and "Enter a whole number from 1 to 1000." in response.text
    )
    french = browser.submit(
        SETTINGS, {**DATES, **unreadable}, page=SETTINGS, headers={"accept-language": "fr"}
    )
    assert "Saisissez une date et une heure." in french.text


def test_a_closed_window_is_refused_on_the_page_and_in_the_api(world: World) -> None:
    _set(world, requests_close_at=clock.now() - dt.timedelta(hours=1))
    yamada = world.participant("test-osaka", "p-3")
    page = world.as_participant("test-osaka", "p-2").submit(
        "/me/requests", {"recipient_id": yamada.id}, page="/me"
    )
    assert page.status_code == 409
    assert "Meeting requests for this mission are closed." in page.text
    response = _api(world, "p-2").post("/api/v1/requests", json={"recipient_id": yamada.id})
    assert (response.status_code, response.json()) == (409, {"detail": "window_closed"})


def test_the_limit_is_refused_on_the_page_and_in_the_api(world: World) -> None:
    _set(world, max_open_requests=1)  # Anne (p-1) has r-1, accepted
    sato = world.participant("test-osaka", "p-4")
    browser = world.as_participant("test-osaka", "p-1")
    page = browser.submit("/me/requests", {"recipient_id": sato.id}, page="/me")
    assert page.status_code == 409
    assert (
        "You already have 1 open or accepted requests, the most this mission allows: "
        "cancel one or wait for an answer." in page.text
    )
    assert "You may have up to 1 open or accepted requests at a time." in browser.get("/me/requests").text
    response = _api(world, "p-1").post("/api/v1/requests", json={"recipient_id": sato.id})
    assert (response.status_code, response.json()) == (409, {"detail": "limit_reached"})


def test_the_requests_page_says_when_requests_open(world: World) -> None:
    _set(world, requests_open_at=dt.datetime(2099, 5, 12, 0, 0, tzinfo=dt.UTC))
    page = world.as_participant("test-osaka", "p-2").get("/me/requests").text
    assert "Requests open on " in page and "2099" in page


def test_the_api_documents_every_refusal_of_a_new_request(world: World) -> None:
    schema = world.client().get("/api/v1/openapi.json").json()
    described = schema["paths"]["/api/v1/requests"]["post"]["responses"]["409"]["description"]
    assert described == (
        "refused as things stand, `detail` naming the rule: `self`, `other_mission`, `same_side`, "
        "`priority`, `message`, `window_not_open`, `window_closed`, `limit_reached`, `duplicate`, `vetoed`, "
        "`not_interested`, `unavailable`"
    )
