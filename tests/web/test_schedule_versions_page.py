"""Organiser page of the schedule's versions: who published each, when, and its changes in words."""

import datetime as dt

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Meeting, MeetingRequest, ScheduleVersion
from missionmatch.models.enums import RequestStatus
from missionmatch.services.meeting_placement import move_meeting
from tests.web.conftest import Browser, World

SCHEDULE = "/missions/test-osaka/schedule"
VERSIONS = "/missions/test-osaka/schedule/versions"
PAIR = "Anne Muller (LuxSat Services) – 太郎 山田 (Kansai Orbital KK) – Hanako Sato (Kansai Orbital KK)"


def _publish(world: World, browser: Browser, comment: str, at: dt.datetime) -> None:
    assert browser.submit(f"{SCHEDULE}/publish", {"comment": comment}, page=SCHEDULE).status_code == 303
    with transaction(world.factory) as session:  # a known instant instead of the test's "now"
        version = session.scalar(select(ScheduleVersion).order_by(ScheduleVersion.number.desc()))
        version.published_at = at


def _three_versions(world: World) -> None:
    """1: the published meeting; 2: a new one from an accepted request; 3: the first moved."""
    browser = world.organiser()
    _publish(world, browser, "first", dt.datetime(2025, 5, 20, 23, 30, tzinfo=dt.UTC))
    with transaction(world.factory) as session:
        request = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-2"))
        request.status = RequestStatus.ACCEPTED
    browser.submit(f"{SCHEDULE}/run", {"time_limit": "5"}, page=SCHEDULE)
    _publish(world, browser, "", dt.datetime(2025, 5, 22, 8, 5, tzinfo=dt.UTC))
    with transaction(world.factory) as session:
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-1"))
        move_meeting(session, meeting, meeting.session, 0)
    _publish(world, browser, "Anne arrives late", dt.datetime(2025, 5, 26, 1, 0, tzinfo=dt.UTC))


def test_every_version_shows_who_published_it_when_and_its_changes_in_words(world: World) -> None:
    _three_versions(world)
    page = world.organiser().get(VERSIONS).text
    assert "Times: Japan Time" in page
    assert page.index('id="version-3"') < page.index('id="version-2"') < page.index('id="version-1"')
    assert "Published by orga@a.lu on May 26, 2025, 10:00\u202fAM (Japan Time)" in page
    assert "Published by orga@a.lu on May 21, 2025, 8:30\u202fAM (Japan Time)" in page
    assert '<p class="comment">Anne arrives late</p>' in page
    assert f"<li>{PAIR}: new, May 27, 2025, 2:40\u202fPM, table 2</li>" in page
    assert (
        "<li>Jonas Weber (Santé Data Lux) – Hanako Sato (Kansai Orbital KK): "
        "new, May 27, 2025, 3:20\u202fPM, table 2</li>"
    ) in page
    assert f"<li>{PAIR}: moved from 2:40\u202fPM, table 2 to 2:00\u202fPM, table 2</li>" in page
    assert page.count("<li>") == 3


def test_the_page_speaks_the_viewers_language(world: World) -> None:
    _three_versions(world)
    browser = world.organiser()
    browser.get("/language/fr?next=/")
    page = browser.get(VERSIONS).text
    assert "<h3>Version 3</h3>" in page
    assert "Publiée par orga@a.lu le 26 mai 2025, 10:00 (heure : Japon)" in page
    assert f"<li>{PAIR} : déplacé de 14:40, table 2 à 14:00, table 2</li>" in page


def test_the_schedule_page_links_to_the_versions(world: World) -> None:
    browser = world.organiser()
    assert "/schedule/versions" not in browser.get(SCHEDULE).text  # nothing published yet
    assert "Nothing has been published yet." in browser.get(VERSIONS).text
    _publish(world, browser, "", dt.datetime(2025, 5, 20, 23, 30, tzinfo=dt.UTC))
    assert f'<a href="{VERSIONS}">All versions and their changes</a>' in browser.get(SCHEDULE).text


def test_only_the_missions_organisers_see_its_versions(world: World) -> None:
    assert world.organiser("orga@b.lu").get(VERSIONS).status_code == 404
    assert world.client().get(VERSIONS, follow_redirects=False).status_code in (303, 401, 403)
