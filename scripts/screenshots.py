"""One PNG per key page on the demo data, for the README and docs/web.md: `make screenshots`.

The demo missions go into a throwaway SQLite database in a temporary folder (the repository's var/ is never
touched); the web application runs on a free local port and Debian's chromium walks through it: the demo
organiser runs the matcher and the scheduler on Osaka 1 and publishes, then one delegation participant signs
in with a one-time link and reads their pages. Usage: `python scripts/screenshots.py [FOLDER]`
(default docs/screenshots)."""

import os
import secrets
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # the same flags as tests/web/test_browser.py
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MAX_HEIGHT = 1600  # long pages (the table plan) are cut here
SECONDS_PER_SESSION = "5"
OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _load_demo() -> tuple[str, str, str]:
    """The demo missions and the demo sign-ins (as `serve --demo` makes them): the organiser's e-mail and
    password, and the path of a delegation participant's one-time link."""
    from missionmatch.commands._common import database_work
    from missionmatch.services.demo import MAIN_DEMO_SLUG, load_demo
    from missionmatch.services.demo_accounts import create_demo_accounts

    with database_work() as session:
        missions = load_demo(session)
        main = next(m for m in missions if m.slug == MAIN_DEMO_SLUG)
        logins = create_demo_accounts(session, missions, main)
    return logins.organiser_email, logins.organiser_password, logins.links[0][1]


@contextmanager
def _server(base: str, port: int) -> Iterator[None]:
    from missionmatch.commands._common import session_factory
    from missionmatch.settings import WebSettings
    from missionmatch.web.app import create_app

    settings = WebSettings(secret_key=secrets.token_urlsafe(32), base_url=base)
    config = uvicorn.Config(
        create_app(session_factory(), settings), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _shot(page: Page, folder: Path, name: str, expected: str) -> None:
    """The whole page, cut at MAX_HEIGHT; a page without the expected text (an error page, an empty list)
    stops the run."""
    if expected not in page.inner_text("main"):
        raise RuntimeError(f"{name}: no {expected!r} on {page.url}")
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.viewport_size["width"] if page.viewport_size else DESKTOP["width"]
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)}
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True, clip=clip)
    print(f"{folder / name}.png  ({page.url})")


def _organiser_pages(page: Page, base: str, email: str, password: str, folder: Path) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit] >> text=Sign in")
    page.goto(f"{base}/missions/osaka-1/schedule")
    page.click("button >> text=Run the matcher")  # a job: its page shows the report when done
    page.wait_for_selector("#matcher-report")
    page.goto(f"{base}/missions/osaka-1/schedule")
    page.fill("input[name=time_limit]", SECONDS_PER_SESSION)
    page.click("button >> text=Run the scheduler")
    page.wait_for_selector("#report")
    page.goto(f"{base}/missions/osaka-1/schedule")
    _shot(page, folder, "organiser-schedule", "Scheduler run #")
    page.fill("input[name=comment]", "first release")
    page.click("button >> text=Publish and notify participants")
    page.click("nav.tabs >> text=B2B sessions")
    page.locator("details.slots summary").first.click()  # the first session's slot times
    _shot(page, folder, "organiser-sessions", "then a ")
    page.click("nav.tabs >> text=Programme")
    _shot(page, folder, "organiser-programme", "Luxembourg–Japan Business Forum Osaka")
    page.click("nav.tabs >> text=Mission settings")
    _shot(page, folder, "organiser-settings", "Only the partners recommended to them")


def _participant_pages(page: Page, base: str, link: str, folder: Path) -> None:
    page.goto(f"{base}{link}")
    page.click("button >> text=Continue to missionmatch")
    page.goto(f"{base}/me/recommendations")
    _shot(page, folder, "participant-recommendations", "Your need")
    page.goto(f"{base}/me/directory")
    _shot(page, folder, "participant-directory", " people")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/me/agenda")
    _shot(page, folder, "participant-agenda-phone", "Meeting with")  # published meetings only
    page.set_viewport_size(DESKTOP)
    page.click("a[lang=fr]")
    page.goto(f"{base}/me/profile")
    _shot(page, folder, "participant-profile-fr", "Ce que vous offrez")


def main(folder: Path = OUTPUT) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mm-screenshots-") as work:
        os.environ["MISSIONMATCH_DATABASE_URL"] = f"sqlite:///{Path(work) / 'missionmatch.db'}"
        os.environ["MISSIONMATCH_CACHE_DIR"] = str(Path(work) / "cache")
        os.environ["MISSIONMATCH_QUEUE_URL"] = "immediate:"  # the runs finish inside the request they start
        email, password, link = _load_demo()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        with _server(base, port), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                organiser = browser.new_page(viewport=DESKTOP)
                organiser.set_default_timeout(180_000)  # the scheduler runs a few seconds per session
                _organiser_pages(organiser, base, email, password, folder)
                _participant_pages(browser.new_page(viewport=DESKTOP), base, link, folder)
            finally:
                browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
