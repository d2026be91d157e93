"""Participant pages: home, profile, directory search, requests, agenda."""

from sqlalchemy import select

from missionmatch.models import Meeting, MeetingRequest, Participant
from missionmatch.models.enums import RequestStatus
from tests.web.conftest import World


def test_home_invites_to_complete_an_empty_profile(world: World) -> None:
    page = world.as_participant("test-osaka", "p-4").get("/me").text
    assert "Your profile is empty" in page


def test_profile_is_saved_with_language_sectors_and_languages_spoken(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-4")
    data = {
        "language": "ja",
        "offers": "ロボット",
        "needs": "",
        "sectors": ["space", "ai"],
        "spoken": ["ja", "fr"],
    }
    response = browser.submit("/me/profile", data, page="/me/profile")
    assert response.headers["location"] == "/me/profile?saved=1"
    with world.factory() as session:
        sato = session.get(Participant, world.participant("test-osaka", "p-4").id)
        assert (sato.profile.language, sato.profile.offers, sato.profile.sectors, sato.languages) == (
            "ja",
            "ロボット",
            ["space", "ai"],
            ["ja", "fr"],
        )


def test_profile_with_an_unknown_sector_is_refused(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-4")
    response = browser.submit("/me/profile", {"language": "ja", "sectors": ["piracy"]}, page="/me/profile")
    assert response.status_code == 422
    assert "Please check the highlighted fields." in response.text


def test_directory_search_matches_every_word_in_profiles(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    page = browser.get("/me/directory", params={"q": "地上局"}).text
    assert ("山田 太郎" in page, "Hanako Sato" in page) == (
        True,
        False,
    )  # family name first: a Japanese profile
    assert "Hanako Sato" in browser.get("/me/directory", params={"sector": "space"}).text


def test_sending_a_request_creates_it_and_mails_the_recipient(world: World) -> None:
    sato = world.participant("test-osaka", "p-4")
    browser = world.as_participant("test-osaka", "p-1")
    data = {"recipient_id": sato.id, "message": "Let us talk", "priority": 3}
    assert browser.submit("/me/requests", data, page="/me").headers["location"] == "/me/requests"
    with world.factory() as session:
        created = session.scalar(
            select(MeetingRequest).where(MeetingRequest.recipient_id == sato.id, MeetingRequest.priority == 3)
        )
        assert (created.status, created.message) == (RequestStatus.PENDING, "Let us talk")
    again = browser.submit("/me/requests", data, page="/me")
    assert again.status_code == 409
    assert "There is already an open request between you two." in again.text


def test_declining_and_accepting(world: World) -> None:
    jonas = world.participant("test-osaka", "p-2")
    yamada = world.as_participant("test-osaka", "p-3")
    with world.factory() as session:
        jonas_request = MeetingRequest(
            mission_id=jonas.mission_id,
            requester_id=jonas.id,
            recipient_id=world.participant("test-osaka", "p-3").id,
            created_at=__import__("datetime").datetime(2025, 5, 1, tzinfo=__import__("datetime").UTC),
            expires_at=None,
        )
        session.add(jonas_request)
        session.commit()
        request_id = jonas_request.id
    assert yamada.submit(f"/me/requests/{request_id}/decline", page="/me").status_code == 303
    second = yamada.submit(f"/me/requests/{request_id}/accept", page="/me")
    assert second.status_code == 409
    assert "This request has already been answered." in second.text


def test_accepting_creates_a_draft_meeting_shown_as_not_yet_scheduled(world: World) -> None:
    sato = world.as_participant("test-osaka", "p-4")
    request_id = world.participant("test-osaka", "p-2").id
    with world.factory() as session:
        request_id = session.scalar(
            select(MeetingRequest.id).where(
                MeetingRequest.key == "r-2", MeetingRequest.requester_id == request_id
            )
        )
    assert sato.submit(f"/me/requests/{request_id}/accept", page="/me").status_code == 303
    with world.factory() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.request_id == request_id))
        assert sorted(p.key for p in meeting.participants) == ["p-2", "p-4"]
    page = sato.get("/me/agenda").text
    assert "Accepted meetings not yet scheduled" in page and "Jonas Weber" in page


def test_agenda_lists_programme_and_published_meetings_in_mission_time(world: World) -> None:
    page = world.as_participant("test-osaka", "p-1").get("/me/agenda").text
    assert "Business Forum" in page and "Visit of Kansai Orbital" in page
    # m-1: session at 14:00, 20-minute slots, slot 2 → 14:40; table 1 is shown as "table 2"
    assert (
        "May 27, 2025, 2:40\u202fPM (Japan Time) – 3:00\u202fPM" in page
        and "table 2 · interpreter fr-ja" in page
    )
    assert page.index("Business Forum") < page.index("Meeting with") < page.index("Visit of Kansai Orbital")
