"""Organiser pages: dashboard, lists with filters, import with the per-row report, outbox."""

import datetime as dt
import re

from sqlalchemy import func, select

from missionmatch import clock
from missionmatch.models import MeetingRequest, Mission, Participant
from missionmatch.models.enums import RequestStatus
from tests.web.conftest import World
from tests.web.import_steps import choose, import_file, upload

HEADER = "email,first_name,last_name,organisation,side,languages,sectors,offers,needs\n"


def _names(page: str) -> list[str]:
    return re.findall(r"<tr class=\"[^\"]*\">\s*<td><input [^>]*></td>\s*<td>([^<]+)<br>", page)


def _count(world: World) -> int:
    with world.factory() as session:
        return session.scalar(select(func.count()).select_from(Participant))


def test_dashboard_shows_the_mission_summary(world: World) -> None:
    page = world.organiser().get("/missions/test-osaka").text
    assert "Test mission Osaka" in page
    assert re.search(
        r"Empty profiles</dt><dd><a href=\"/missions/test-osaka/participants\?status=empty\">1</a>", page
    )
    assert re.search(r"B2B meeting places</dt><dd>24</dd>", page)


def test_participant_list_filters_by_side_profile_and_text(world: World) -> None:
    browser = world.organiser()
    base = "/missions/test-osaka/participants"
    # sorted by family name; a Japanese profile's name family name first
    assert _names(browser.get(base).text) == ["Anne Muller", "Hanako Sato", "Jonas Weber", "山田 太郎"]
    assert _names(browser.get(f"{base}?side=host").text) == ["Hanako Sato", "山田 太郎"]
    assert _names(browser.get(f"{base}?status=empty").text) == ["Hanako Sato"]
    assert _names(browser.get(f"{base}?status=complete&side=delegation").text) == [
        "Anne Muller",
        "Jonas Weber",
    ]
    assert _names(browser.get(f"{base}?q=santé").text) == ["Jonas Weber"]


def test_organisation_list_flags_empty_profiles(world: World) -> None:
    page = world.organiser().get("/missions/test-osaka/organisations?side=host").text
    assert "Kansai Orbital KK" in page and "LuxSat" not in page
    assert '<span class="flag">1</span>' in page


def test_import_of_a_good_csv_registers_everyone(world: World) -> None:
    csv = HEADER + "ken@kk.example.jp,Ken,Ito,Osaka Robotics,host,ja,space,,\n"
    browser = world.organiser()
    response = import_file(browser, "test-osaka", "hosts.csv", csv.encode())
    assert response.status_code == 200
    assert "Imported 1 participant(s) and 1 new organisation(s) from hosts.csv." in response.text
    assert _count(world) == 9


def test_import_with_a_bad_row_writes_nothing_and_lists_the_problem(world: World) -> None:
    csv = (
        HEADER + "ken@kk.example.jp,Ken,Ito,Osaka Robotics,host,ja,,,\n" + "not-an-email,A,B,Org,host,ja,,,\n"
    )
    browser = world.organiser()
    url = upload(browser, "test-osaka", "hosts.csv", csv.encode())
    assert choose(browser, url).status_code == 303
    response = browser.get(f"{url}/preview")
    assert response.status_code == 400
    assert "Nothing can be imported yet: 1 problem(s) found." in response.text
    assert 'name="fingerprint"' not in response.text  # no apply button
    assert "<td>Row 3</td><td>email</td><td>“not-an-email” is not an e-mail address.</td>" in response.text
    assert _count(world) == 8


def test_import_of_an_unreadable_file_is_explained(world: World) -> None:
    response = world.organiser().submit(
        "/missions/test-osaka/import",
        page="/missions/test-osaka/import",
        files={"file": ("people.pdf", b"%PDF", "application/pdf")},
    )
    assert response.status_code == 400
    assert "This file cannot be read." in response.text


def test_sending_a_login_link_puts_it_in_the_outbox(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    browser = world.organiser()
    response = browser.submit(f"/missions/test-osaka/participants/{anne.id}/login-link", page="/missions")
    assert response.headers["location"] == "/missions/test-osaka/outbox"
    page = browser.get("/missions/test-osaka/outbox").text
    assert "Votre lien de connexion pour Test mission Osaka" in page or "sign-in link" in page
    assert "anne.muller@luxsat.example.lu" in page
    assert "http://testserver/login/link/" in page


def test_requests_board_lists_and_filters_the_missions_requests(world: World) -> None:
    browser = world.organiser()
    page = browser.get("/missions/test-osaka/requests").text
    assert page.count('<tr class="">') == 2
    pending = browser.get("/missions/test-osaka/requests?status=pending").text
    assert pending.count('<tr class="">') == 1 and "Jonas Weber" in pending and "Bonjour" not in pending
    assert world.organiser("orga@b.lu").get("/missions/test-osaka/requests").status_code == 404


def test_mission_settings_are_saved(world: World) -> None:
    browser = world.organiser()
    data = {
        "start_date": "2025-05-25",
        "end_date": "2025-05-30",
        "timezone": "Asia/Tokyo",
        "description": "Kansai",
    }
    response = browser.submit("/missions/test-osaka/settings", data, page="/missions/test-osaka/settings")
    assert response.headers["location"] == "/missions/test-osaka/settings?saved=1"
    page = browser.get("/missions/test-osaka/settings?saved=1").text
    assert 'value="2025-05-25"' in page and "Saved." in page and ">Kansai</textarea>" in page


def test_mission_settings_refuse_reversed_dates_and_unknown_zones(world: World) -> None:
    data = {"start_date": "2025-05-30", "end_date": "2025-05-25", "timezone": "Mars/Olympus"}
    response = world.organiser().submit(
        "/missions/test-osaka/settings", data, page="/missions/test-osaka/settings"
    )
    assert response.status_code == 422
    assert (
        "The mission cannot end before it starts." in response.text and "Unknown time zone." in response.text
    )


def test_mission_settings_of_another_mission_are_404(world: World) -> None:
    data = {"start_date": "2025-05-25", "end_date": "2025-05-30", "timezone": "UTC"}
    browser = world.organiser("orga@b.lu")
    assert browser.submit("/missions/test-osaka/settings", data, page="/missions").status_code == 404


def test_check_in_marks_and_unmarks_a_participant(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")
    browser = world.organiser()
    path = f"/missions/test-osaka/participants/{anne.id}/check-in"
    assert browser.submit(path, page="/missions").headers["location"] == "/missions/test-osaka/participants"
    assert world.participant("test-osaka", "p-1").checked_in_at is not None
    assert browser.get("/missions/test-osaka/participants").text.count(">Present</span>") == 1
    browser.submit(path, page="/missions")
    assert world.participant("test-osaka", "p-1").checked_in_at is None


def test_check_in_of_another_missions_participant_is_404(world: World) -> None:
    stranger = world.participant("other-tokyo", "p-1")
    browser = world.organiser("orga@a.lu")
    assert (
        browser.submit(
            f"/missions/test-osaka/participants/{stranger.id}/check-in", page="/missions"
        ).status_code
        == 404
    )
    assert (
        browser.submit(
            f"/missions/other-tokyo/participants/{stranger.id}/check-in", page="/missions"
        ).status_code
        == 404
    )


def test_a_request_past_its_expiry_shows_as_expired_and_the_page_writes_nothing(world: World) -> None:
    of_osaka = (MeetingRequest.key == "r-2", MeetingRequest.mission.has(Mission.slug == "test-osaka"))
    with world.factory() as session:  # r-2 (each mission has one): pending; due a minute ago
        waiting = session.scalars(select(MeetingRequest).where(*of_osaka)).one()
        waiting.expires_at = clock.now() - dt.timedelta(minutes=1)
        session.commit()
    browser = world.organiser()
    assert browser.get("/missions/test-osaka/requests?status=pending").text.count('<tr class="">') == 0
    expired = browser.get("/missions/test-osaka/requests?status=expired").text
    assert expired.count('<tr class="">') == 1 and "Jonas Weber" in expired
    with world.factory() as session:
        stored = session.scalars(select(MeetingRequest.status).where(*of_osaka)).one()
        assert stored == RequestStatus.PENDING  # written by the hourly clean-up, not by a page
