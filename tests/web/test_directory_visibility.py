"""The mission's directory visibility and contact e-mail settings, through every door: the rule itself, the
directory, profile pages, meeting requests and the API; and the organiser's settings form."""

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from missionmatch.models import MeetingRequest, Mission, Participant, Recommendation
from missionmatch.models.enums import DirectoryVisibility
from missionmatch.web import permissions
from tests.web.conftest import World

ANNE, JONAS, YAMADA, SATO = "p-1", "p-2", "p-3", "p-4"  # two delegation members, two hosts


def _configure(world: World, visibility: str, emails: bool = False) -> None:
    with world.factory.begin() as session:
        session.execute(
            update(Mission)
            .where(Mission.slug == "test-osaka")
            .values(directory_visibility=DirectoryVisibility(visibility), show_contact_emails=emails)
        )


def _recommend(world: World, who: str, whom: str) -> None:
    person, candidate = world.participant("test-osaka", who), world.participant("test-osaka", whom)
    with world.factory.begin() as session:
        session.add(
            Recommendation(
                mission_id=person.mission_id,
                participant_id=person.id,
                candidate_id=candidate.id,
                rank=1,
                score=0.9,
                reasons={},
                embedder="test",
                created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
            )
        )


def _api(world: World, key: str) -> TestClient:
    token = world.api_token(participant=("test-osaka", key))
    return TestClient(world.client().app, headers={"authorization": f"Bearer {token}"})


def _request_count(world: World) -> int:
    with world.factory() as session:
        return session.scalar(select(func.count(MeetingRequest.id)))


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [
        ("other_side", {ANNE: True, JONAS: False, YAMADA: True, SATO: True}),
        ("both_sides", {ANNE: True, JONAS: True, YAMADA: True, SATO: True}),
        ("recommended", {ANNE: True, JONAS: False, YAMADA: True, SATO: False}),
    ],
)
def test_rule_participant_sees_whom_the_visibility_setting_allows(
    world: World, visibility: str, expected: dict[str, bool]
) -> None:
    _configure(world, visibility)
    _recommend(world, ANNE, YAMADA)
    with world.factory() as session:
        anne = session.get(Participant, world.participant("test-osaka", ANNE).id)
        seen = {
            key: permissions.participant_sees_participant(
                anne, session.get(Participant, world.participant("test-osaka", key).id)
            )
            for key in expected
        }
        stranger = session.get(Participant, world.participant("other-tokyo", YAMADA).id)
        assert permissions.participant_sees_participant(anne, stranger) is False
    assert seen == expected


def test_both_sides_shows_colleagues_in_directory_and_profile_but_no_request_form(world: World) -> None:
    _configure(world, "both_sides")
    jonas = world.participant("test-osaka", JONAS)
    browser = world.as_participant("test-osaka", ANNE)
    directory = browser.get("/me/directory").text
    assert directory.count("/me/directory/") == 3
    assert ("Jonas Weber" in directory, "Anne Muller" in directory) == (True, False)
    assert (directory.count("· Delegation</span>"), directory.count("· Host</span>")) == (1, 2)
    person = browser.get(f"/me/directory/{jonas.id}")
    assert (person.status_code, "Send the request" in person.text) == (200, False)


def test_both_sides_still_refuses_a_request_within_ones_own_side(world: World) -> None:
    _configure(world, "both_sides")
    jonas = world.participant("test-osaka", JONAS)
    browser = world.as_participant("test-osaka", ANNE)
    before = _request_count(world)
    response = browser.submit("/me/requests", {"recipient_id": jonas.id}, page="/me")
    assert response.status_code == 409
    assert "Meetings are between the delegation and the hosts." in response.text
    assert _request_count(world) == before


def test_recommended_only_lists_and_opens_only_recommended_partners(world: World) -> None:
    _configure(world, "recommended")
    _recommend(world, ANNE, YAMADA)
    sato = world.participant("test-osaka", SATO)
    browser = world.as_participant("test-osaka", ANNE)
    directory = browser.get("/me/directory").text
    assert ("山田 太郎" in directory, "Hanako Sato" in directory) == (True, False)  # family name first
    assert directory.count("/me/directory/") == 1
    assert browser.get(f"/me/directory/{sato.id}").status_code == 404


def test_recommended_only_refuses_a_request_to_someone_not_recommended(world: World) -> None:
    _configure(world, "recommended")
    _recommend(world, ANNE, YAMADA)
    sato = world.participant("test-osaka", SATO)
    before = _request_count(world)
    browser = world.as_participant("test-osaka", ANNE)
    assert browser.submit("/me/requests", {"recipient_id": sato.id}, page="/me").status_code == 404
    api = _api(world, ANNE)
    refused = api.post("/api/v1/requests", json={"recipient_id": sato.id})
    assert (refused.status_code, refused.json()) == (404, {"detail": "participant not found"})
    assert _request_count(world) == before


def test_recommendations_are_one_way(world: World) -> None:
    _configure(world, "recommended")
    _recommend(world, ANNE, YAMADA)
    anne = world.participant("test-osaka", ANNE)
    assert world.as_participant("test-osaka", YAMADA).get(f"/me/directory/{anne.id}").status_code == 404


def test_api_lists_only_visible_participants(world: World) -> None:
    _configure(world, "recommended")
    _recommend(world, ANNE, YAMADA)
    people = _api(world, ANNE).get("/api/v1/missions/test-osaka/participants").json()
    assert [p["name"] for p in people] == ["Anne Muller", "太郎 山田"]


def test_emails_are_hidden_from_participants_by_default(world: World) -> None:
    yamada = world.participant("test-osaka", YAMADA)
    browser = world.as_participant("test-osaka", ANNE)
    assert "yamada@orbital.example.jp" not in browser.get("/me/directory").text
    assert "yamada@orbital.example.jp" not in browser.get(f"/me/directory/{yamada.id}").text
    people = _api(world, ANNE).get("/api/v1/missions/test-osaka/participants").json()
    assert [p["email"] for p in people] == [None, None, None]


def test_emails_are_shown_when_the_mission_allows_only_for_visible_people(world: World) -> None:
    _configure(world, "recommended", emails=True)
    _recommend(world, ANNE, YAMADA)
    yamada = world.participant("test-osaka", YAMADA)
    browser = world.as_participant("test-osaka", ANNE)
    directory = browser.get("/me/directory").text
    assert ("yamada@orbital.example.jp" in directory, "sato@orbital.example.jp" in directory) == (True, False)
    assert 'href="mailto:yamada@orbital.example.jp"' in browser.get(f"/me/directory/{yamada.id}").text
    people = _api(world, ANNE).get("/api/v1/missions/test-osaka/participants").json()
    assert [p["email"] for p in people] == ["anne.muller@luxsat.example.lu", "yamada@orbital.example.jp"]


def test_organiser_saves_the_visibility_settings(world: World) -> None:
    browser = world.organiser()
    page = "/missions/test-osaka/settings"
    data = {
        "start_date": "2025-05-24",
        "end_date": "2025-05-31",
        "timezone": "Asia/Tokyo",
        "directory_visibility": "recommended",
        "show_contact_emails": "true",
    }
    assert browser.submit(page, data, page=page).status_code == 303
    assert 'value="recommended" checked' in browser.get(page).text
    with world.factory() as session:
        mission = session.scalar(select(Mission).where(Mission.slug == "test-osaka"))
        assert (mission.directory_visibility, mission.show_contact_emails) == ("recommended", True)
    data.pop("show_contact_emails")
    assert browser.submit(page, data, page=page).status_code == 303
    with world.factory() as session:
        shown = session.scalar(select(Mission.show_contact_emails).where(Mission.slug == "test-osaka"))
    assert shown is False


def test_unknown_visibility_is_refused_naming_the_field_and_nothing_is_saved(world: World) -> None:
    browser = world.organiser()
    page = "/missions/test-osaka/settings"
    data = {
        "start_date": "2025-05-24",
        "end_date": "2025-05-31",
        "timezone": "Asia/Tokyo",
        "description": "Changed",
        "directory_visibility": "everyone",
        "show_contact_emails": "true",
    }
    response = browser.submit(page, data, page=page)
    assert (response.status_code, "Unknown directory visibility." in response.text) == (422, True)
    with world.factory() as session:
        mission = session.scalar(select(Mission).where(Mission.slug == "test-osaka"))
        assert (mission.directory_visibility, mission.show_contact_emails, mission.description) == (
            "other_side",
            False,
            "Multisector",
        )


def test_another_missions_organiser_cannot_change_the_visibility(world: World) -> None:
    data = {"start_date": "2025-05-24", "end_date": "2025-05-31", "timezone": "Asia/Tokyo"}
    data["directory_visibility"] = "both_sides"
    browser = world.organiser("orga@b.lu")
    page = "/missions/test-osaka/settings"
    assert browser.submit(page, data, page="/missions").status_code == 404
    with world.factory() as session:
        visibility = session.scalar(select(Mission.directory_visibility).where(Mission.slug == "test-osaka"))
    assert visibility == "other_side"
