"""In Debian's chromium, clicking the real controls: an organiser searches the participant list of 124 people,
sorts it by a column header both ways, pages through it with the pager (the sort kept), then checks in two
selected participants after the confirmation. Screenshots go where tests/web/test_browser.py puts them."""

from typing import Any

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Mission, Participant
from tests.web.conftest import World
from tests.web.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    organiser_opens_the_mission,
    pytestmark,
    server,
)

EXTRA = 120


def _more_participants(world: World) -> None:
    with transaction(world.factory) as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        organisations = mission.organisations
        for n in range(EXTRA):
            session.add(
                Participant(
                    mission=mission,
                    organisation=organisations[n % len(organisations)],
                    email=f"person{n:03d}@example.org",
                    first_name=f"Given{n:03d}",
                    last_name=f"Extra{n:03d}",
                    languages=["en"],
                )
            )


def _names(page) -> list[str]:  # type: ignore[no-untyped-def]
    cells = page.locator("#participant-list tbody tr td:nth-child(2)").all_inner_texts()
    return [cell.splitlines()[0].strip() for cell in cells]


def test_organiser_searches_sorts_and_pages_the_participant_list(
    world: World,
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    _more_participants(world)
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    organiser_opens_the_mission(page, server)
    page.click("nav.tabs >> text=Participants")
    assert page.inner_text("#list-count") == "124 participants"
    assert page.inner_text(".pager [aria-current=page]") == "Page 1 of 3"
    assert _names(page)[:2] == ["Given000 Extra000", "Given001 Extra001"]  # by family name

    page.fill("input[name=q]", "extra01")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/participants?q=extra01*")
    assert page.inner_text("#list-count") == "10 of 124"
    page.click("th >> a[data-sort=name]")  # already sorted by name: the other way round
    page.wait_for_url("**dir=desc*")
    assert page.get_attribute("th[aria-sort]", "aria-sort") == "descending"
    assert _names(page)[:3] == ["Given019 Extra019", "Given018 Extra018", "Given017 Extra017"]
    assert page.input_value("input[name=q]") == "extra01"  # the search is kept

    page.fill("input[name=q]", "")
    page.press("input[name=q]", "Enter")  # the sort is kept by the form's hidden fields
    page.wait_for_load_state()
    assert page.inner_text("#list-count") == "124 participants"
    assert _names(page)[0] == "山田 太郎"  # descending: the Japanese family name sorts last
    page.click(".pager >> text=Next")
    page.wait_for_url("**page=2*")
    assert page.inner_text(".pager [aria-current=page]") == "Page 2 of 3"
    assert _names(page)[0] == "Given073 Extra073"  # 4 fixture people and Extra119..074 on page 1
    page.screenshot(path=str(SCREENSHOTS / "organiser-participant-list.png"), full_page=True)

    page.check("input[aria-label='Select Given073 Extra073']")
    page.check("input[aria-label='Select Given072 Extra072']")
    page.select_option("select[name=action]", "check_in")
    page.click("text=Apply to the selected…")
    assert page.inner_text("#bulk-question") == "Check these participants in?"
    page.click("button >> text=Confirm")
    assert page.inner_text("#bulk-result") == (
        "2 participants checked in: Given072 Extra072, Given073 Extra073."
    )
    page.click("text=Back to the list")
    page.wait_for_url("**page=2*")  # back on the same page, sorted the same way
    assert _names(page)[0] == "Given073 Extra073"
