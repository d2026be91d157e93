"""In Debian's chromium, clicking the real controls: an organiser uploads a French sheet whose e-mail column
has a header nobody recognises, maps it by hand, sees the preview (one to add, one to update with the title
before and after, one unchanged), applies it, then uploads the next version of the file: the mapping is
suggested as chosen, and the re-import updates instead of refusing. Screenshots go where
tests/web/test_browser.py puts them."""

from pathlib import Path
from typing import Any

from sqlalchemy import select

from missionmatch.models import Mission
from tests.web.conftest import World
from tests.web.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    organiser_opens_the_mission,
    pytestmark,
    server,
)

FIRST = (
    "Contact direct;Prénom;Nom;Société;Côté;Poste\n"
    "anne.muller@luxsat.example.lu;Anne;Muller;LuxSat Services;délégation;Fondatrice\n"
    "jonas.weber@sante.example.lu;Jonas;Weber;Santé Data Lux;délégation;CTO\n"
    "luc@luxquantum.example.lu;Luc;Kayser;LuxQuantum;délégation;Ingénieur\n"
)
SECOND = FIRST.replace("Kayser;LuxQuantum;délégation;Ingénieur", "Kayser;LuxQuantum;délégation;Directeur")


def _titles(world: World) -> dict[str, str]:
    with world.factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        people = [p for p in mission.participants if p.email.endswith(".lu")]
        return {p.email.split("@")[0]: p.job_title for p in people}


def _upload(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.click("nav.tabs >> text=Import participants")
    page.set_input_files("input[name=file]", str(path))
    page.click("button >> text=Upload")
    page.wait_for_selector("form#mapping")


def test_organiser_imports_with_a_mapping_then_re_imports_an_update(
    world: World,
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "delegation.csv", tmp_path / "delegation-v2.csv"
    first.write_bytes(FIRST.encode("cp1252"))
    second.write_bytes(SECOND.encode("cp1252"))
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    organiser_opens_the_mission(page, server)
    _upload(page, first)
    assert page.input_value("select[aria-label='Contact direct']") == ""  # not recognised
    assert page.input_value("select[aria-label='Société']") == "organisation"
    page.click("button >> text=Preview the import")
    assert "No column holds “E-mail”: choose one." in page.inner_text("[role=alert]")
    page.select_option("select[aria-label='Contact direct']", "email")
    page.screenshot(path=str(SCREENSHOTS / "organiser-import-mapping.png"), full_page=True)
    page.click("button >> text=Preview the import")

    counts = "To add: 1. To update: 1. Unchanged: 1. New organisations: 1."
    assert page.inner_text("#preview-counts") == counts
    updated = page.locator("#preview-rows tr.update")
    assert "Job title: CEO → Fondatrice" in updated.inner_text()
    assert page.locator("#preview-rows tr.unchanged").inner_text().startswith("3")
    page.screenshot(path=str(SCREENSHOTS / "organiser-import-preview.png"), full_page=True)
    page.click("button >> text=Apply the import")
    done = page.inner_text("#import-done")
    assert "Imported 1 participant(s) and 1 new organisation(s) from delegation.csv." in done
    assert "Updated: 1. Unchanged: 1." in done
    assert _titles(world) == {
        "anne.muller": "Fondatrice",
        "jonas.weber": "CTO",
        "luc": "Ingénieur",
    }

    _upload(page, second)  # the mapping chosen above is suggested for the next file
    assert page.input_value("select[aria-label='Contact direct']") == "email"
    page.click("button >> text=Preview the import")
    counts = "To add: 0. To update: 1. Unchanged: 2. New organisations: 0."
    assert page.inner_text("#preview-counts") == counts
    assert "Job title: Ingénieur → Directeur" in page.locator("#preview-rows tr.update").inner_text()
    page.click("button >> text=Apply the import")
    assert "Updated: 1. Unchanged: 2." in page.inner_text("#import-done")
    assert _titles(world)["luc"] == "Directeur"
