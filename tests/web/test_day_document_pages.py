"""The organiser's grid of one B2B session (slots × tables) and its documents for the day; participants
and other missions' organisers are refused."""

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from tests.web.conftest import World


def session_id(world: World, slug: str = "test-osaka") -> int:
    with world.factory() as db:
        query = select(B2BSession.id).join(Mission).where(Mission.slug == slug)
        return db.scalars(query).one()


def grid_path(world: World) -> str:
    return f"/missions/test-osaka/sessions/{session_id(world)}/grid"


def test_the_grid_shows_every_slot_and_table_with_the_meeting_in_its_cell(world: World) -> None:
    page = world.organiser().get(grid_path(world)).text
    assert page.count("<th>Table ") == 4
    assert page.count('<th scope="row">') == 6
    assert '<th scope="row">15:20–15:40</th>' in page  # the slot after the break
    assert page.count('<td class="free">–</td>') == 6 * 4 - 1
    row = page.split('<th scope="row">14:40–15:00</th>')[1].split("</tr>")[0]
    assert row.count("<td") == 4
    cells = row.split("<td")
    assert cells[1].startswith(' class="free"')
    assert "Anne Muller <small>(LuxSat Services)</small>" in cells[2]
    assert "太郎 山田 <small>(Kansai Orbital KK)</small>" in cells[2]
    assert "Interpreter: fr-ja" in cells[2]
    assert "<strong>Published schedule</strong>" in page


def test_the_draft_grid_shows_draft_meetings_that_the_published_one_leaves_out(world: World) -> None:
    with transaction(world.factory) as db:
        meeting = db.scalars(select(Meeting).join(Mission).where(Mission.slug == "test-osaka")).one()
        meeting.status = MeetingStatus.DRAFT
    browser = world.organiser()
    assert "Anne Muller" not in browser.get(grid_path(world)).text.split('id="grid"')[1]
    draft = browser.get(grid_path(world) + "?draft=1").text
    assert "<strong>Draft schedule</strong>" in draft
    assert "Anne Muller <small>(LuxSat Services)</small>" in draft.split('id="grid"')[1]


def test_the_schedule_page_links_to_each_sessions_grid(world: World) -> None:
    page = world.organiser().get("/missions/test-osaka/schedule").text
    assert f'<a href="{grid_path(world)}">Table plan by slot and documents for the day</a>' in page


def test_the_sessions_page_links_to_each_sessions_grid(world: World) -> None:
    page = world.organiser().get("/missions/test-osaka/sessions").text
    assert f'<a href="{grid_path(world)}">Table plan by slot and documents for the day</a>' in page


def test_the_grid_speaks_the_organisers_language(world: World) -> None:
    browser = world.organiser()
    browser.get("/language/fr")
    page = browser.get(grid_path(world)).text
    assert "Plan des tables par créneau" in page and "<th>Table 4</th>" in page


def test_participants_and_other_organisers_are_refused(world: World) -> None:
    response = world.as_participant("test-osaka", "p-1").get(grid_path(world), follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/login?next={grid_path(world)}")
    assert world.organiser("orga@b.lu").get(grid_path(world)).status_code == 404
    other = f"/missions/test-osaka/sessions/{session_id(world, 'other-tokyo')}/grid"
    assert world.organiser().get(other).status_code == 404


def test_the_grid_page_offers_each_document_as_pdf_and_workbook(world: World) -> None:
    base = f"/missions/test-osaka/sessions/{session_id(world)}/documents"
    browser = world.organiser()
    assert f'<a href="{base}/doors.pdf?draft=1">PDF</a>' in browser.get(grid_path(world) + "?draft=1").text
    pdf = browser.get(f"{base}/plan.pdf")
    assert (pdf.status_code, pdf.headers["content-type"], pdf.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    assert pdf.headers["content-disposition"] == 'attachment; filename="test-osaka-b2b-1-plan.pdf"'
    workbook = browser.get(f"{base}/checkin.xlsx?draft=1")
    assert workbook.content[:2] == b"PK"
    assert (
        workbook.headers["content-disposition"]
        == 'attachment; filename="test-osaka-b2b-1-checkin-draft.xlsx"'
    )
    for kind in ("doors", "rota", "cards"):
        assert browser.get(f"{base}/{kind}.pdf").content[:5] == b"%PDF-", kind
        assert browser.get(f"{base}/{kind}.xlsx").content[:2] == b"PK", kind
    assert browser.get(f"{base}/badges.pdf").status_code == 404


def test_participants_cannot_download_the_documents(world: World) -> None:
    path = f"/missions/test-osaka/sessions/{session_id(world)}/documents/checkin.xlsx"
    response = world.as_participant("test-osaka", "p-1").get(path, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/login?next={path}")
    assert world.organiser("orga@b.lu").get(path).status_code == 404


def test_the_grid_page_lists_the_meetings_it_cannot_show(world: World) -> None:
    assert 'id="off-plan"' not in world.organiser().get(grid_path(world)).text
    with transaction(world.factory) as db:
        meeting = db.scalars(select(Meeting).join(Mission).where(Mission.slug == "test-osaka")).one()
        meeting.table = None
        meeting_id = meeting.id
    page = world.organiser().get(grid_path(world)).text
    section = page.split('<section id="off-plan" class="notice">')[1].split("</section>")[0]
    assert "<h3>Meetings without a table or outside the session&#39;s slots (1)</h3>" in section
    assert "<td>14:40–15:00</td><td>–</td><td>Anne Muller (LuxSat Services)</td>" in section
    assert "<strong>No table given</strong>" in section
    assert f'href="/missions/test-osaka/meetings/{meeting_id}/move">Move</a>' in section
    assert "Anne Muller" not in page.split('id="grid"')[1]  # not in any cell
