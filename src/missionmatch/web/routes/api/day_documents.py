"""/api/v1/missions/{slug}/sessions/{session_id}/documents/{kind}.pdf|.xlsx: the day documents of a B2B
session (table plan, door lists, check-in sheet, interpreter rota, table cards), as the organiser pages
offer them (docs/day-documents.md): the published schedule, or the draft with `draft=true`; in the
Accept-Language, times in the mission's zone."""

from enum import StrEnum
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from missionmatch.i18n import Translator
from missionmatch.models import B2BSession, Mission
from missionmatch.services.day_documents import DayDocuments, day_documents
from missionmatch.web.day_files import XLSX, day_pdf_response, day_xlsx_response
from missionmatch.web.deps import DbSession, Lang
from missionmatch.web.routes.api.access import ManagedMission, not_found
from missionmatch.web.routes.api.errors import answers

router = APIRouter(tags=["day documents"])


class DayKind(StrEnum):
    """exports/day_tables.KINDS, as the schema's enum (a test keeps the two the same)."""

    PLAN = "plan"
    DOORS = "doors"
    CHECKIN = "checkin"
    ROTA = "rota"
    CARDS = "cards"


PATH = "/missions/{slug}/sessions/{session_id}/documents/{kind}"
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "the document, A4"}
}
_XLSX: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {XLSX: {}},
        "description": "the document as a workbook (one sheet, one per table for doors)",
    }
}


def _documents(db: DbSession, mission: Mission, session_id: int, draft: bool) -> DayDocuments:
    b2b = db.get(B2BSession, session_id)
    if b2b is None or b2b.mission_id != mission.id:
        raise not_found("session")
    return day_documents(db, b2b, draft)


@router.get(PATH + ".pdf", response_class=Response, responses=_PDF | answers(403, 404, 422))
def day_document_pdf(
    mission: ManagedMission, session_id: int, kind: DayKind, db: DbSession, t: Lang, draft: bool = False
) -> Response:
    """`kind`: plan, doors, checkin, rota or cards; `draft`: the draft schedule instead of the published."""
    documents = _documents(db, mission, session_id, draft)
    return day_pdf_response(Translator(t.language), mission, documents, kind.value)


@router.get(PATH + ".xlsx", response_class=Response, responses=_XLSX | answers(403, 404, 422))
def day_document_xlsx(
    mission: ManagedMission, session_id: int, kind: DayKind, db: DbSession, t: Lang, draft: bool = False
) -> Response:
    """The same as the PDF, as a workbook of text cells."""
    documents = _documents(db, mission, session_id, draft)
    return day_xlsx_response(Translator(t.language), mission, documents, kind.value)
