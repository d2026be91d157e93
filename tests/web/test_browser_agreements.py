"""In Debian's chromium, clicking the real buttons: an organiser reads the feedback, starts an agreement from
a feedback that promised one, adds a signatory, signs it, attaches its PDF, and finds it in the register,
then in Japanese. Screenshots go where tests/web/test_browser.py puts them."""

from pathlib import Path
from typing import Any

from missionmatch.db import transaction
from missionmatch.models import Feedback
from missionmatch.models.enums import FollowUp
from tests.web.conftest import World
from tests.web.outcome_helpers import meeting_row_id
from tests.web.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    organiser_opens_the_mission,
    pytestmark,
    server,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _yamada_wants_an_agreement(world: World) -> None:
    yamada = world.participant("test-osaka", "p-3")
    with transaction(world.factory) as session:
        session.add(
            Feedback(
                meeting_id=meeting_row_id(world),
                author_id=yamada.id,
                rating=4,
                follow_up=FollowUp.AGREEMENT,
                comment="地上局について覚書を結びたい。",
            )
        )


def test_organiser_starts_signs_and_files_an_agreement_from_feedback(
    world: World,
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    _yamada_wants_an_agreement(world)
    pdf = tmp_path / "loi-signed.pdf"
    pdf.write_bytes(PDF)
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    organiser_opens_the_mission(page, server)
    page.click("nav.tabs >> text=Feedback")
    assert "地上局について覚書を結びたい。" in page.inner_text("#feedback")
    page.screenshot(path=str(SCREENSHOTS / "organiser-feedback.png"), full_page=True)
    page.click("text=Start an agreement")
    assert page.input_value("input[name=title]") == "LuxSat Services – Kansai Orbital KK"
    page.fill("input[name=signatory_name_0]", "山田 太郎")
    page.select_option("select[name=signatory_organisation_0]", label="Kansai Orbital KK")
    page.click("button >> text=Save")
    assert page.inner_text("#status") == "Draft"
    page.select_option("select[name=status]", "signed")
    page.fill("input[name=signed_on]", "2025-05-30")
    page.fill("input[name=note]", "Signed at the Expo")
    page.click("button >> text=Change the status")
    assert page.inner_text("#status") == "Signed"
    page.set_input_files("input[name=document]", str(pdf))
    page.click("button >> text=Upload")
    assert page.inner_text("#documents").startswith("loi-signed.pdf")
    history = page.inner_text("#history")
    assert "Draft" in history and "Signed at the Expo" in history
    page.screenshot(path=str(SCREENSHOTS / "organiser-agreement.png"), full_page=True)
    page.click("text=Agreements register")
    titles = page.locator("tr.agreement td:first-child a").all_inner_texts()
    assert titles == [
        "MoU on in-orbit servicing",
        "LuxSat Services – Kansai Orbital KK",
    ]  # both 30 May
    page.click("a[lang=ja]")
    assert "合意台帳" in page.inner_text("main h2")
    page.screenshot(path=str(SCREENSHOTS / "organiser-agreements-ja.png"), full_page=True)
