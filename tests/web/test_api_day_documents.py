"""GET /api/v1/missions/{slug}/sessions/{id}/documents/{kind}.pdf|.xlsx: the day documents of a B2B session
through the API, the same files as the organiser pages (published schedule, or the draft), in the
Accept-Language; organisers of the mission only."""

import io
import subprocess

from openpyxl import load_workbook
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.exports.day_tables import KINDS
from missionmatch.models import Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from missionmatch.web.routes.api.day_documents import DayKind
from tests.web.api_client import ORGANISERS_ONLY, organiser_api, participant_api
from tests.web.conftest import World
from tests.web.test_day_document_pages import session_id


def _base(world: World, slug: str = "test-osaka") -> str:
    return f"/api/v1/missions/test-osaka/sessions/{session_id(world, slug)}/documents"


def _pdf_text(content: bytes) -> str:
    found = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(found.stdout.decode().split())


def test_the_schema_offers_every_kind_of_document() -> None:
    assert tuple(DayKind) == KINDS


def test_the_plan_as_pdf_names_the_meetings_people(world: World) -> None:
    response = organiser_api(world).get(f"{_base(world)}/plan.pdf")
    assert (response.status_code, response.headers["content-type"]) == (200, "application/pdf")
    assert response.headers["content-disposition"] == 'attachment; filename="test-osaka-b2b-1-plan.pdf"'
    text = _pdf_text(response.content)
    assert "Table plan" in text and "14:40–15:00" in text
    assert "Anne Muller (LuxSat Services)" in text and "Hanako Sato" in text


def test_the_check_in_workbook_in_the_accept_language(world: World) -> None:
    client = organiser_api(world)
    client.headers["accept-language"] = "fr"
    response = client.get(f"{_base(world)}/checkin.xlsx")
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="test-osaka-b2b-1-checkin.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Présent", "Nom"]
    assert sorted(row[1] for row in rows[1:]) == ["Anne Muller", "Hanako Sato", "太郎 山田"]
    assert {(row[3], row[4]) for row in rows[1:]} == {("14:40", 2)}


def test_every_kind_in_both_formats(world: World) -> None:
    client = organiser_api(world)
    for kind in KINDS:
        pdf = client.get(f"{_base(world)}/{kind}.pdf")
        assert (pdf.status_code, pdf.content[:5]) == (200, b"%PDF-"), kind
        workbook = client.get(f"{_base(world)}/{kind}.xlsx")
        assert (workbook.status_code, workbook.content[:2]) == (200, b"PK"), kind


def test_the_draft_on_request(world: World) -> None:
    with transaction(world.factory) as db:
        meeting = db.scalars(select(Meeting).join(Mission).where(Mission.slug == "test-osaka")).one()
        meeting.status = MeetingStatus.DRAFT
    client = organiser_api(world)
    published = load_workbook(io.BytesIO(client.get(f"{_base(world)}/doors.xlsx").content))
    assert published.sheetnames == ["Door lists"]  # nothing published in the session
    draft = client.get(f"{_base(world)}/doors.xlsx", params={"draft": "true"})
    assert draft.headers["content-disposition"] == 'attachment; filename="test-osaka-b2b-1-doors-draft.xlsx"'
    assert load_workbook(io.BytesIO(draft.content)).sheetnames == ["Table 2"]


def test_organisers_of_the_mission_only(world: World) -> None:
    path = f"{_base(world)}/plan.pdf"
    refused = participant_api(world, "test-osaka", "p-1").get(path)
    assert (refused.status_code, refused.json()) == (403, ORGANISERS_ONLY)
    other = organiser_api(world, "orga@b.lu").get(path)
    assert (other.status_code, other.json()) == (404, {"detail": "mission not found"})
    # a session of another mission is not found in this one
    elsewhere = organiser_api(world).get(f"{_base(world, 'other-tokyo')}/plan.xlsx")
    assert (elsewhere.status_code, elsewhere.json()) == (404, {"detail": "session not found"})


def test_an_unknown_kind_is_422_naming_it(world: World) -> None:
    response = organiser_api(world).get(f"{_base(world)}/badges.pdf")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["kind"]
