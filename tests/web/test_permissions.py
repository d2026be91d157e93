"""Every rule of missionmatch.web.permissions, and attempts to break it through the pages."""

import pytest
from sqlalchemy import select

from missionmatch.models import MeetingRequest, OrganiserAccount, Profile
from missionmatch.models.enums import RequestStatus
from missionmatch.web import permissions
from tests.web.conftest import World


def _request_id(world: World, key: str, slug: str = "test-osaka") -> int:
    requester = {"r-1": "p-1", "r-2": "p-2"}[key]
    with world.factory() as session:
        return session.scalar(
            select(MeetingRequest.id).where(
                MeetingRequest.key == key,
                MeetingRequest.requester_id == world.participant(slug, requester).id,
            )
        )


# organiser_manages_mission


def test_rule_organiser_manages_only_linked_missions(world: World) -> None:
    with world.factory() as session:
        account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == "orga@a.lu"))
        own, other = (
            world.participant("test-osaka", "p-1").mission_id,
            world.participant("other-tokyo", "p-1").mission_id,
        )
        from missionmatch.models import Mission

        assert permissions.organiser_manages_mission(account, session.get(Mission, own)) is True
        assert permissions.organiser_manages_mission(account, session.get(Mission, other)) is False


# organiser_manages_campaign


def test_rule_a_campaign_is_managed_by_who_manages_every_one_of_its_missions(world: World) -> None:
    from missionmatch.db import transaction
    from missionmatch.models import Campaign, Mission

    with transaction(world.factory) as session:
        account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == "orga@a.lu"))
        assert account is not None
        campaign = session.scalar(select(Campaign).where(Campaign.key == "test-campaign"))
        assert campaign is not None and len(campaign.missions) == 2  # test-osaka and other-tokyo
        assert permissions.organiser_manages_campaign(account, campaign) is False
        account.missions.append(session.scalar(select(Mission).where(Mission.slug == "other-tokyo")))
        session.flush()
        assert permissions.organiser_manages_campaign(account, campaign) is True
        account.active = False
        assert permissions.organiser_manages_campaign(account, campaign) is False
        assert permissions.organiser_manages_campaign(account, Campaign(name="Empty")) is False


@pytest.mark.parametrize(
    "path",
    [
        "/missions/other-tokyo",
        "/missions/other-tokyo/participants",
        "/missions/other-tokyo/organisations",
        "/missions/other-tokyo/import",
        "/missions/other-tokyo/outbox",
        "/missions/other-tokyo/audit",
        "/missions/other-tokyo/audit/export.csv",
        "/missions/no-such-mission",
    ],
)
def test_another_missions_organiser_gets_404_on_its_pages(world: World, path: str) -> None:
    response = world.organiser("orga@a.lu").get(path)
    assert response.status_code == 404
    assert "Other mission Tokyo" not in response.text


def test_mission_list_shows_only_own_missions(world: World) -> None:
    page = world.organiser("orga@b.lu").get("/missions").text
    assert ("Other mission Tokyo" in page, "Test mission Osaka" in page) == (True, False)


def test_organiser_cannot_mail_a_link_to_another_missions_participant_through_own_mission(
    world: World,
) -> None:
    stranger = world.participant("other-tokyo", "p-1")
    browser = world.organiser("orga@a.lu")
    response = browser.submit(
        f"/missions/test-osaka/participants/{stranger.id}/login-link", page="/missions/test-osaka"
    )
    assert response.status_code == 404


def test_participant_cannot_open_organiser_pages(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    response = browser.get("/missions/test-osaka", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=/missions/test-osaka")


def test_organiser_is_not_a_participant(world: World) -> None:
    response = world.organiser().get("/me/profile", follow_redirects=False)
    assert response.headers["location"] == "/login/participant?next=/me/profile"


# participant_sees_participant


def test_participant_sees_the_other_side_of_their_mission(world: World) -> None:
    host = world.participant("test-osaka", "p-3")
    assert world.as_participant("test-osaka", "p-1").get(f"/me/directory/{host.id}").status_code == 200


def test_participant_does_not_see_their_own_side(world: World) -> None:
    colleague = world.participant("test-osaka", "p-2")
    assert world.as_participant("test-osaka", "p-1").get(f"/me/directory/{colleague.id}").status_code == 404


def test_participant_does_not_see_another_missions_participant(world: World) -> None:
    stranger = world.participant("other-tokyo", "p-3")
    assert world.as_participant("test-osaka", "p-1").get(f"/me/directory/{stranger.id}").status_code == 404


def test_directory_lists_only_the_other_side_of_the_mission(world: World) -> None:
    page = world.as_participant("test-osaka", "p-1").get("/me/directory").text
    assert ("山田" in page, "Hanako Sato" in page, "Jonas Weber" in page) == (True, True, False)
    assert page.count("/me/directory/") == 2


def test_request_to_another_missions_participant_is_refused(world: World) -> None:
    stranger = world.participant("other-tokyo", "p-3")
    browser = world.as_participant("test-osaka", "p-1")
    assert browser.submit("/me/requests", {"recipient_id": stranger.id}, page="/me").status_code == 404


# participant_edits_profile


def test_rule_participant_edits_only_own_profile(world: World) -> None:
    anne, jonas = world.participant("test-osaka", "p-1"), world.participant("test-osaka", "p-2")
    assert permissions.participant_edits_profile(anne, anne) is True
    assert permissions.participant_edits_profile(anne, jonas) is False


def test_profile_form_with_another_participant_id_changes_only_own_profile(world: World) -> None:
    jonas = world.participant("test-osaka", "p-2")
    browser = world.as_participant("test-osaka", "p-1")
    data = {"language": "en", "offers": "Hijacked", "participant_id": jonas.id}
    assert browser.submit("/me/profile", data, page="/me/profile").status_code == 303
    with world.factory() as session:
        offers = dict(session.execute(select(Profile.participant_id, Profile.offers)).all())
    assert offers[jonas.id] == "Wir anonymisieren Gesundheitsdaten."
    assert offers[world.participant("test-osaka", "p-1").id] == "Hijacked"


def test_forged_profile_form_without_csrf_is_forbidden(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    assert browser.post("/me/profile", data={"language": "en", "offers": "x"}).status_code == 403


# participant_sees_request / answers / cancels


def test_rule_request_visibility_and_answers(world: World) -> None:
    with world.factory() as session:
        request = session.get(MeetingRequest, _request_id(world, "r-2"))
        jonas, sato, anne = (world.participant("test-osaka", k) for k in ("p-2", "p-4", "p-1"))
        assert [permissions.participant_sees_request(p, request) for p in (jonas, sato, anne)] == [
            True,
            True,
            False,
        ]
        assert [permissions.participant_answers_request(p, request) for p in (jonas, sato)] == [False, True]
        assert [permissions.participant_cancels_request(p, request) for p in (jonas, sato)] == [True, False]


@pytest.mark.parametrize(
    ("who", "action"), [("p-3", "accept"), ("p-2", "accept"), ("p-4", "cancel"), ("p-1", "decline")]
)
def test_only_the_right_party_answers_a_request(world: World, who: str, action: str) -> None:
    request_id = _request_id(world, "r-2")
    browser = world.as_participant("test-osaka", who)
    assert browser.submit(f"/me/requests/{request_id}/{action}", page="/me").status_code == 404
    with world.factory() as session:
        assert session.get(MeetingRequest, request_id).status == RequestStatus.PENDING


def test_the_recipient_accepts_a_request(world: World) -> None:
    request_id = _request_id(world, "r-2")
    browser = world.as_participant("test-osaka", "p-4")
    assert browser.submit(f"/me/requests/{request_id}/accept", page="/me").status_code == 303
    with world.factory() as session:
        assert session.get(MeetingRequest, request_id).status == RequestStatus.ACCEPTED


def test_requests_page_shows_only_own_requests(world: World) -> None:
    page = world.as_participant("test-osaka", "p-3").get("/me/requests").text
    assert ("Anne Muller" in page, "Jonas Weber" in page) == (True, False)
