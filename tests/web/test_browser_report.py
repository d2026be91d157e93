"""In Debian's chromium: an organiser opens the mission report from the mission's tabs, sees the headline,
the charts and the tables, switches to Japanese, then goes to the agreements register. Screenshots go where
tests/web/test_browser.py puts them."""

from typing import Any

from missionmatch.exports.report_html import headline
from missionmatch.i18n import Translator
from missionmatch.models import Mission
from missionmatch.services.mission_report import mission_report
from tests.web.conftest import World
from tests.web.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    organiser_opens_the_mission,
    pytestmark,
    server,
)


def _headline(world: World, language: str) -> str:
    with world.factory() as session:
        mission = session.query(Mission).filter_by(slug="test-osaka").one()
        return headline(mission_report(session, mission), Translator(language))


def test_organiser_reads_the_report_then_the_agreements_register(
    world: World,
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    organiser_opens_the_mission(page, server)
    page.click("nav.tabs >> text=Report")
    assert page.inner_text("#headline") == _headline(world, "en")
    assert page.locator("figure.chart svg").count() == 3
    assert page.locator("#report-downloads a").all_inner_texts() == ["PDF", "Excel"]
    page.screenshot(path=str(SCREENSHOTS / "organiser-report.png"), full_page=True)
    page.click("a[lang=ja]")
    assert page.inner_text("#headline") == _headline(world, "ja")
    page.screenshot(path=str(SCREENSHOTS / "organiser-report-ja.png"), full_page=True)
    page.click("nav.tabs >> text=合意")
    assert "合意台帳" in page.inner_text("main h2")
