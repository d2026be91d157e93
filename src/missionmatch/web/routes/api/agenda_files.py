"""/api/v1/me/agenda.pdf and /api/v1/me/agenda.ics: the caller's agenda as files, in their own language
(the first interface language they speak)."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from missionmatch.services.agenda_document import agenda_document
from missionmatch.web.agenda_files import ICS_TYPE, ics_response, pdf_response
from missionmatch.web.deps import DbSession
from missionmatch.web.routes.api.access import ApiParticipant
from missionmatch.web.routes.api.errors import answers

router = APIRouter(tags=["participant"])
# annotated as FastAPI's `responses` so that the union with answers(...) type-checks
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "the agenda, A4"}
}
_ICS: dict[int | str, dict[str, Any]] = {
    200: {"content": {ICS_TYPE: {}}, "description": "the agenda, iCalendar (RFC 5545)"}
}


@router.get(
    "/me/agenda.pdf",
    response_class=Response,
    responses=_PDF | answers(403),
)
def agenda_pdf(me: ApiParticipant, db: DbSession) -> Response:
    return pdf_response(agenda_document(db, me))


@router.get(
    "/me/agenda.ics",
    response_class=Response,
    responses=_ICS | answers(403),
)
def agenda_ics(me: ApiParticipant, db: DbSession) -> Response:
    return ics_response(agenda_document(db, me))
