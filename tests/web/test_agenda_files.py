"""The agenda as files on the web and in the API, and the private calendar subscription URL."""

import re
import subprocess
from pathlib import Path

from icalendar import Calendar
from sqlalchemy import func, select

from missionmatch.db import transaction
from missionmatch.models import CalendarFeed, Participant
from missionmatch.services.personal_data import erase_participant
from tests.web.api_client import INVALID_TOKEN, PARTICIPANTS_ONLY, api, organiser_api, participant_api
from tests.web.conftest import Browser, World

_FEED = re.compile(r'<code id="feed-url">http://testserver(/calendar/[^<]+\.ics)</code>')


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "agenda.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(tmp_path / "agenda.pdf"), "-"], capture_output=True, text=True
    ).stdout


def _meeting_uids(ics: bytes) -> list[str]:
    return [
        str(e["uid"]) for e in Calendar.from_ical(ics).walk("VEVENT") if str(e["uid"]).startswith("meeting-")
    ]


def _new_feed(browser: Browser) -> str:
    response = browser.submit("/me/agenda/calendar-feed", page="/me/agenda")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    found = _FEED.search(response.text)
    assert found, response.text
    return found.group(1)


def test_agenda_page_links_to_the_pdf_and_the_ics(world: World) -> None:
    page = world.as_participant("test-osaka", "p-1").get("/me/agenda").text
    assert '<a href="/me/agenda.pdf" download>' in page and '<a href="/me/agenda.ics" download>' in page
    assert "Create a subscription address" in page


def test_pdf_and_ics_of_the_signed_in_participant_in_the_page_language(world: World, tmp_path: Path) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    browser.get("/language/ja")
    pdf = browser.get("/me/agenda.pdf")
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.headers["content-disposition"] == 'attachment; filename="agenda-test-osaka-p-1.pdf"'
    text = _pdf_text(pdf.content, tmp_path)
    assert "Anne Muller" in text and "山田 太郎, 部長 — Kansai Orbital KK" in text and "B2B面談" in text
    ics = browser.get("/me/agenda.ics")
    assert (ics.status_code, ics.headers["content-type"]) == (200, "text/calendar; charset=utf-8")
    assert _meeting_uids(ics.content) == ["meeting-m-1@test-osaka.missionmatch"]
    assert "との面談" in Calendar.from_ical(ics.content).walk("VEVENT")[-1]["summary"]


def test_agenda_files_need_a_signed_in_participant(world: World) -> None:
    for path in ("/me/agenda.pdf", "/me/agenda.ics"):
        assert world.client().get(path, follow_redirects=False).status_code == 303
        assert world.organiser().get(path, follow_redirects=False).status_code == 303


def test_api_gives_the_agenda_files_in_the_participants_language(world: World, tmp_path: Path) -> None:
    client = participant_api(world, "test-osaka", "p-3")  # speaks Japanese
    pdf = client.get("/api/v1/me/agenda.pdf")
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    assert "山田 太郎" in _pdf_text(pdf.content, tmp_path) and "通訳" in _pdf_text(pdf.content, tmp_path)
    ics = client.get("/api/v1/me/agenda.ics")
    assert _meeting_uids(ics.content) == ["meeting-m-1@test-osaka.missionmatch"]
    assert api(world, None).get("/api/v1/me/agenda.ics").json() == INVALID_TOKEN
    assert organiser_api(world).get("/api/v1/me/agenda.pdf").json() == PARTICIPANTS_ONLY
    schema = world.client().get("/api/v1/openapi.json").json()["paths"]
    assert "application/pdf" in schema["/api/v1/me/agenda.pdf"]["get"]["responses"]["200"]["content"]


def test_calendar_feed_is_polled_without_sign_in_until_revoked(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    path = _new_feed(browser)
    app = world.client()  # a calendar app: no session, no cookie
    polled = app.get(path)
    assert (polled.status_code, polled.headers["content-type"]) == (200, "text/calendar; charset=utf-8")
    assert "content-disposition" not in polled.headers
    assert _meeting_uids(polled.content) == ["meeting-m-1@test-osaka.missionmatch"]
    assert "Rendez-vous avec" in polled.text  # Anne's own language, not the poller's
    page = browser.get("/me/agenda").text
    assert "An address is active since" in page and path not in page  # the secret is shown once
    assert browser.submit("/me/agenda/calendar-feed/revoke", page="/me/agenda").status_code == 303
    assert app.get(path).status_code == 404
    assert app.get("/calendar/not-a-token.ics").status_code == 404


def test_a_new_address_ends_the_previous_one_and_an_erased_participant_has_none(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    first = _new_feed(browser)
    second = _new_feed(browser)
    app = world.client()
    assert (app.get(first).status_code, app.get(second).status_code) == (404, 200)
    with transaction(world.factory) as session:
        erase_participant(session, session.get(Participant, world.participant("test-osaka", "p-1").id))
    assert app.get(second).status_code == 404
    with world.factory() as session:
        assert session.scalar(select(func.count()).select_from(CalendarFeed)) == 0


def test_revoking_needs_the_csrf_token(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    path = _new_feed(browser)
    response = browser.post("/me/agenda/calendar-feed/revoke", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert world.client().get(path).status_code == 200


def test_the_agenda_page_shows_no_address_taken_from_the_query_string(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    page = browser.get("/me/agenda?new_feed_url=http://evil.example/calendar/x.ics").text
    assert "evil.example" not in page and 'id="feed-url"' not in page
