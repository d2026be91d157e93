"""In Debian's chromium, clicking the real controls: an organiser selects two hosts in the participant list,
chooses "Invite", reads the preview in their language with the count, sends it, watches the job (a real queue
and worker) finish, finds the invitations in the outbox, and one host signs in with the link of their mail.
Screenshots go where tests/web/test_browser.py puts them."""

import re
from typing import Any

from sqlalchemy import select

from missionmatch.models import OutboxMail
from tests.web.conftest import World
from tests.web.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    organiser_opens_the_mission,
    pytestmark,
    server,
)


def test_organiser_invites_a_selection_and_a_host_signs_in_with_the_mail(
    world: World,
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    organiser_opens_the_mission(page, server)
    page.click("nav.tabs >> text=Participants")
    page.check("input[aria-label='Select Hanako Sato']")
    page.check("input[aria-label='Select 山田 太郎']")
    page.select_option("select[name=action]", "mail_invitation")
    page.click("text=Apply to the selected…")
    assert page.inner_text("#mailing-count") == "2 participants will get this mail, each in their language:"
    assert page.inner_text("article[data-language=ja] h3") == "日本語 — 2 recipients"
    assert page.inner_text("article[data-language=ja] .preview-subject") == "Test mission Osaka への招待"
    page.screenshot(path=str(SCREENSHOTS / "organiser-invitation-preview.png"), full_page=True)
    page.click("#mailing-send")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("#mailing-report", timeout=30_000)  # the page reloads once the job is done
    assert page.inner_text("#job-state") == "Done"
    assert page.inner_text("#mailing-report").startswith(
        "2 recipients: 2 mails written now, 0 already written before;"
    )
    page.click("#mailing-report >> text=Outbox")
    page.select_option("select[name=kind]", "invitation")
    page.click("form[role=search] button")
    assert page.inner_text("#list-count") == "2 mails"  # only the invitations so far
    assert page.input_value("select[name=kind]") == "invitation"
    page.screenshot(path=str(SCREENSHOTS / "organiser-outbox-invitations.png"), full_page=True)

    with world.factory() as session:
        body = session.scalars(select(OutboxMail.body).where(OutboxMail.recipient.like("yamada%"))).one()
    # the worker's mail settings point links at the default address: the path is what matters here
    path = re.search(r"/login/link/\S+", body).group(0)  # type: ignore[union-attr]
    host = browser.new_context().new_page()
    host.goto(server + path)
    host.click("button[type=submit]")
    host.wait_for_url("**/me")
