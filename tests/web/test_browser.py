"""One end-to-end run in Debian's chromium, clicking the real buttons: an organiser imports a participant and
mails sign-in links; one participant asks for a meeting, the other accepts it; the organiser runs the matcher
and the scheduler, publishes, moves the new meeting by hand from the table plan and publishes again; the
participant reads the agenda in Japanese. Screenshots of the key pages go to a temporary folder, or to
docs/screenshots/ with MISSIONMATCH_SCREENSHOTS=docs/screenshots (a test run leaves the tree clean)."""

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from missionmatch.tasks.queue import build_queue
from missionmatch.web.app import create_app
from tests.tasks.worker_thread import worker_thread
from tests.web.conftest import PASSWORD, World

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("MISSIONMATCH_SCREENSHOTS") or tempfile.mkdtemp(prefix="mm-shots-"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CSV = (
    "email,first_name,last_name,organisation,side,languages,sectors,offers,needs\n"
    "ken.ito@kansai-robotics.example.jp,Ken,Ito,Kansai Robotics,host,ja;en,space,"
    "衛星用ロボットアームを製造しています。,欧州の衛星運用会社\n"
)

MATCHER_REPORT = "Matcher: 0 recommendations for 4 profiles, 0 suggested meetings (1 empty profiles skipped)."

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("chromium") is None, reason="no chromium"
)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's chromium for one test (screenshots go to SCREENSHOTS): one launch, closed whatever happens."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(world: World, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = type(world.settings)(secret_key="browser-test", base_url=base)
    # a real queue and a worker: the job pages show progress and reload themselves when the job is done
    queue = build_queue(world.factory, f"sqlite:///{tmp_path / 'queue.db'}", mail=settings.mail)
    config = uvicorn.Config(
        create_app(world.factory, settings, queue), host="127.0.0.1", port=port, log_level="warning"
    )
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    with worker_thread(queue):
        yield base
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


def _sign_in_link(organiser, email: str) -> str:  # type: ignore[no-untyped-def]
    """The organiser mails a sign-in link from the participants page; the link is read in the outbox."""
    organiser.click("nav.tabs >> text=Participants")
    organiser.locator("tr", has_text=email).locator("button >> text=Send sign-in link").click()
    mail = organiser.locator("article.mail", has_text=email).first.inner_text()
    link = re.search(r"http://127\.0\.0\.1:\d+/login/link/\S+", mail)
    assert link is not None
    return link.group(0)


def organiser_opens_the_mission(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """The organiser signs in with their password and opens the test mission's dashboard."""
    page.goto(f"{server}/login")
    page.fill("input[name=email]", "orga@a.lu")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit] >> text=Sign in")
    page.click("text=Test mission Osaka")


def _organiser_imports_and_mails_links(organiser, server: str, sheet: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    organiser_opens_the_mission(organiser, server)
    organiser.screenshot(path=str(SCREENSHOTS / "organiser-dashboard.png"), full_page=True)
    organiser.click("nav.tabs >> text=Import participants")
    organiser.set_input_files("input[name=file]", str(sheet))
    organiser.click("button >> text=Upload")
    organiser.click("button >> text=Preview the import")  # the suggested mapping as it is
    organiser.screenshot(path=str(SCREENSHOTS / "organiser-import.png"), full_page=True)
    organiser.click("button >> text=Apply the import")
    assert "Imported 1 participant(s) and 1 new organisation(s) from hosts.csv." in organiser.inner_text(
        "main"
    )
    organiser.click("nav.tabs >> text=Participants")
    assert "Ito Ken" in organiser.inner_text("table")  # his profile is in Japanese: family name first
    organiser.screenshot(path=str(SCREENSHOTS / "organiser-participants.png"), full_page=True)
    anne = _sign_in_link(organiser, "anne.muller@luxsat.example.lu")
    organiser.screenshot(path=str(SCREENSHOTS / "organiser-outbox.png"), full_page=True)
    return anne, _sign_in_link(organiser, "ken.ito@kansai-robotics.example.jp")


def _sign_in(page, link: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(link)
    page.click("button >> text=Continue to missionmatch")
    assert f"Hello {name}" in page.inner_text("main")


def _anne_asks_ken_for_a_meeting(anne, server: str) -> None:  # type: ignore[no-untyped-def]
    anne.goto(f"{server}/me/directory?q=ロボット")
    anne.click("text=Ito Ken")
    anne.fill("textarea[name=message]", "Nous cherchons un bras robotique.")
    anne.click("button >> text=Send the request")
    sent = anne.locator("ul.cards li", has_text="Ito Ken").inner_text()
    assert "Kansai Robotics" in sent and "pending" in sent
    anne.screenshot(path=str(SCREENSHOTS / "participant-requests.png"), full_page=True)


def _ken_accepts(ken, server: str) -> None:  # type: ignore[no-untyped-def]
    ken.goto(f"{server}/me/requests")
    received = ken.locator("ul.cards li", has_text="Anne Muller")
    received.locator("button >> text=Accept").click()
    assert "accepted" in ken.locator("ul.cards li", has_text="Anne Muller").inner_text()


def _stat(organiser, name: str) -> str:  # type: ignore[no-untyped-def]
    return organiser.inner_text(f"#{name}")


def _organiser_matches_schedules_and_publishes(organiser) -> None:  # type: ignore[no-untyped-def]
    organiser.click("nav.tabs >> text=B2B schedule")
    # the accepted request waits as a draft without a slot; m-1 is published
    assert (_stat(organiser, "count-draft"), _stat(organiser, "count-published")) == ("1", "1")
    organiser.click("button >> text=Run the matcher")
    organiser.wait_for_selector("#matcher-report")  # job.js reloads the job page once the job is done
    assert organiser.inner_text("#matcher-report") == MATCHER_REPORT
    organiser.click("text=Back to the B2B schedule")
    organiser.fill("input[name=time_limit]", "3")
    organiser.click("button >> text=Run the scheduler")
    assert organiser.inner_text("#job-stage") in ("–", "Reading the mission", "Solving", "Writing the draft")
    organiser.wait_for_selector("#report")
    assert organiser.inner_text("#job-state") == "Done"
    assert "1 of 1 wanted meetings placed (priority weight 12 of 12)." in organiser.inner_text("#report")
    organiser.click("text=Back to the B2B schedule")
    assert (_stat(organiser, "count-draft"), _stat(organiser, "count-published")) == ("1", "1")
    assert organiser.locator("tr.meeting.draft", has_text="Ito Ken").count() == 1
    organiser.fill("input[name=comment]", "first release")
    organiser.click("button >> text=Publish and notify participants")
    organiser.wait_for_selector("#mails-report")  # the notices' job, done by the worker
    assert organiser.inner_text("#mails-report").startswith("4 notices are in the outbox")
    organiser.click("text=Back to the B2B schedule")
    assert (_stat(organiser, "count-draft"), _stat(organiser, "count-published")) == ("0", "2")
    assert _stat(organiser, "version").startswith("1 · ")


def _organiser_moves_a_meeting_by_hand(organiser) -> None:  # type: ignore[no-untyped-def]
    """From the table plan: a refused move (Anne is busy at 14:40), then 16:00 at table 4, published."""
    organiser.locator("tr.meeting", has_text="Ito Ken").locator("a >> text=Move").click()
    organiser.select_option("select[name=slot]", index=2)
    organiser.select_option("select[name=table]", "2")
    organiser.click("form.stack button[type=submit]")
    assert organiser.inner_text("#refusals").splitlines() == [
        "Anne Muller is already in a meeting at 2:40\u202fPM (table 2).",
        "Table 2 is already taken at 2:40\u202fPM (Anne Muller, 太郎 山田, Hanako Sato).",
    ]
    organiser.screenshot(path=str(SCREENSHOTS / "organiser-move.png"), full_page=True)
    organiser.select_option("select[name=slot]", index=5)
    organiser.select_option("select[name=table]", "4")
    organiser.click("form.stack button[type=submit]")
    row = organiser.locator("tr.meeting", has_text="Ito Ken").inner_text().split("\t")
    assert [cell.strip() for cell in row[:2]] == ["4:00\u202fPM", "4"]
    assert row[4].strip().startswith("Published")
    organiser.click("button >> text=Publish and notify participants")
    organiser.wait_for_selector("#mails-report")
    organiser.click("text=Back to the B2B schedule")
    assert _stat(organiser, "version").startswith("2 · ")
    organiser.click("nav.tabs >> text=Outbox")
    assert "Déplacé : votre rendez-vous avec Ken Ito a lieu à 2025-05-27 16:00, table 4" in (
        organiser.locator("article.mail", has_text="anne.muller@luxsat.example.lu").first.inner_text()
    )


def test_organiser_schedules_and_participants_meet(
    server: str, browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Import, links, a request sent and accepted, matcher, scheduler, publish, a move by hand, the agenda."""
    monkeypatch.setenv("MISSIONMATCH_CACHE_DIR", str(tmp_path / "cache"))
    sheet = tmp_path / "hosts.csv"
    sheet.write_text(CSV, encoding="utf-8")
    organiser = browser.new_page(viewport={"width": 1100, "height": 800})
    anne_link, ken_link = _organiser_imports_and_mails_links(organiser, server, sheet)
    anne = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    _sign_in(anne, anne_link, "Anne Muller")
    _anne_asks_ken_for_a_meeting(anne, server)
    ken = browser.new_page(viewport={"width": 390, "height": 844})
    _sign_in(ken, ken_link, "Ken Ito")
    _ken_accepts(ken, server)
    _organiser_matches_schedules_and_publishes(organiser)
    _organiser_moves_a_meeting_by_hand(organiser)
    anne.click("a[lang=ja]")
    anne.goto(f"{server}/me/agenda")
    assert "マイ日程" in anne.inner_text("h1")
    agenda = anne.inner_text("main")
    assert "2025/05/27 14:40 (日本時間) – 15:00" in agenda and "2025/05/27 16:00 (日本時間)" in agenda
    assert "Ken Ito" in agenda and "テーブル 4" in agenda
    anne.screenshot(path=str(SCREENSHOTS / "participant-agenda-ja.png"), full_page=True)
