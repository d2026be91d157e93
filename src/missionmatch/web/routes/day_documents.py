"""Organiser pages for the day of a B2B session: the table plan as a grid of slots × tables, and its
documents (plan, door lists, check-in sheet) as PDF and workbook; the published schedule, or the draft with
?draft=1."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from missionmatch.exports.day_tables import KINDS, off_plan_table
from missionmatch.i18n import Translator
from missionmatch.models import B2BSession, Mission
from missionmatch.services.day_documents import DayDocuments, day_documents
from missionmatch.web.day_files import day_pdf_response, day_xlsx_response
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/missions/{slug}/sessions/{session_id}/grid")
def session_grid(
    request: Request, mission: ManagedMission, session_id: int, db: DbSession, t: Lang, draft: bool = False
) -> Response:
    documents = day_documents(db, row_of_mission(db, mission, B2BSession, session_id), draft)
    # the meetings the grid cannot show, in the same words as the PDF and the workbook
    off_plan = off_plan_table(Translator(t.language), documents)
    return render(request, "session_grid.html", mission=mission, documents=documents, off_plan=off_plan)


def _documents(db: Session, mission: Mission, session_id: int, kind: str, draft: bool) -> DayDocuments:
    if kind not in KINDS:
        raise HTTPException(status_code=404)
    return day_documents(db, row_of_mission(db, mission, B2BSession, session_id), draft)


@router.get("/missions/{slug}/sessions/{session_id}/documents/{kind}.pdf")
def document_pdf(
    mission: ManagedMission, session_id: int, kind: str, db: DbSession, t: Lang, draft: bool = False
) -> Response:
    documents = _documents(db, mission, session_id, kind, draft)
    return day_pdf_response(Translator(t.language), mission, documents, kind)


@router.get("/missions/{slug}/sessions/{session_id}/documents/{kind}.xlsx")
def document_xlsx(
    mission: ManagedMission, session_id: int, kind: str, db: DbSession, t: Lang, draft: bool = False
) -> Response:
    documents = _documents(db, mission, session_id, kind, draft)
    return day_xlsx_response(Translator(t.language), mission, documents, kind)
