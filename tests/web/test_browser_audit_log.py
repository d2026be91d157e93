"""In Debian's chromium: an organiser withdraws a participant after the confirmation, undoes it from the
list's notice, then finds both in the audit log (by whom, before -> after) and in the participant's history.
Screenshots go where tests/web/test_browser.py puts them."""

from typing import Any

from tests.web.conftest import World
from tests.web.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    organiser_opens_the_mission,
    pytestmark,
    server,
)


def _rows(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [" ".join(text.split()) for text in page.locator("#audit-log tbody tr").all_inner_texts()]


def test_withdraw_and_undo_then_the_audit_log_shows_both(
    world: World,
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    organiser_opens_the_mission(page, server)
    page.click("nav.tabs >> text=Participants")
    page.click("tr:has-text('yamada@orbital.example.jp') >> text=Withdraw…")
    page.click("button >> text=Confirm the withdrawal")
    page.wait_for_selector("#withdrawn-notice")
    page.click("#withdrawn-notice >> button >> text=Undo")
    assert "takes part in the mission again" in page.inner_text("#undo-report")

    page.click("nav.tabs >> text=Audit log")
    page.select_option("select[name=actor]", "organiser")
    page.click("button >> text=Filter")
    page.wait_for_url("**actor=organiser*")
    rows = _rows(page)
    assert len(rows) == 7  # participant (twice), meeting, request withdrawn; then the three back
    assert [("Withdrawal undone" in row, "Withdrawal" in row) for row in rows] == [(True, True)] * 3 + [
        (False, True)
    ] * 4
    assert all("orga@a.lu" in row for row in rows)
    assert any("status: published → cancelled" in row for row in rows[3:])
    assert any("status: cancelled → published" in row for row in rows[:3])
    assert page.locator("#audit-log .status.cancelled", has_text="Undone").count() == 4
    page.screenshot(path=str(SCREENSHOTS / "organiser-audit.png"), full_page=True)

    page.click("#audit-log >> a >> text=山田 太郎")
    page.wait_for_url("**/history")
    assert page.inner_text("h2").startswith("History of")
    assert any("withdrawn_at" in row for row in _rows(page))
