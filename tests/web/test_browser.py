"""One end-to-end run in Debian's chromium: an organiser imports participants and mails a sign-in link; the
participant signs in with it, sends a meeting request and reads the agenda in Japanese. Screenshots of the
key pages go to a temporary folder, or to docs/screenshots/ with MISSIONMATCH_SCREENSHOTS=docs/screenshots
(so that a test run leaves the work tree clean)."""

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from missionmatch.web.app import create_app
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

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("chromium") is None, reason="no chromium"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(world: World) -> Iterator[str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = type(world.settings)(secret_key="browser-test", base_url=base)
    config = uvicorn.Config(
        create_app(world.factory, settings), host="127.0.0.1", port=port, log_level="warning"
    )
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield base
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


def test_organiser_imports_and_participant_requests_a_meeting(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sheet = tmp_path / "hosts.csv"
    sheet.write_text(CSV, encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            organiser = browser.new_page(viewport={"width": 1100, "height": 800})
            organiser.goto(f"{server}/login")
            organiser.fill("input[name=email]", "orga@a.lu")
            organiser.fill("input[name=password]", PASSWORD)
            organiser.click("button[type=submit] >> text=Sign in")
            organiser.click("text=Test mission Osaka")
            organiser.screenshot(path=str(SCREENSHOTS / "organiser-dashboard.png"), full_page=True)
            organiser.click("nav.tabs >> text=Import participants")
            organiser.set_input_files("input[name=file]", str(sheet))
            organiser.click("button >> text=Import")
            assert (
                "Imported 1 participant(s) and 1 new organisation(s) from hosts.csv."
                in organiser.inner_text("main")
            )
            organiser.screenshot(path=str(SCREENSHOTS / "organiser-import.png"), full_page=True)
            organiser.click("nav.tabs >> text=Participants")
            assert "Ken Ito" in organiser.inner_text("table")
            organiser.screenshot(path=str(SCREENSHOTS / "organiser-participants.png"), full_page=True)
            row = organiser.locator("tr", has_text="anne.muller@luxsat.example.lu")
            row.locator("button >> text=Send sign-in link").click()
            link = re.search(r"http://127\.0\.0\.1:\d+/login/link/\S+", organiser.inner_text("main"))
            assert link is not None
            organiser.screenshot(path=str(SCREENSHOTS / "organiser-outbox.png"), full_page=True)

            # a phone-sized participant
            participant = browser.new_page(viewport={"width": 390, "height": 844})
            participant.goto(link.group(0))
            participant.click("button >> text=Continue to missionmatch")
            assert "Hello Anne Muller" in participant.inner_text("main")
            participant.goto(f"{server}/me/directory?q=ロボット")
            participant.click("text=Ken Ito")
            participant.fill("textarea[name=message]", "Nous cherchons un bras robotique.")
            participant.click("button >> text=Send the request")
            assert "Ken Ito" in participant.inner_text("main")
            assert "pending" in participant.inner_text("main")
            participant.screenshot(path=str(SCREENSHOTS / "participant-requests.png"), full_page=True)
            participant.click("a[lang=ja]")
            participant.goto(f"{server}/me/agenda")
            assert "マイ日程" in participant.inner_text("h1")
            assert "2025/05/27 14:40:00" in participant.inner_text("main")
            participant.screenshot(path=str(SCREENSHOTS / "participant-agenda-ja.png"), full_page=True)
        finally:
            browser.close()
