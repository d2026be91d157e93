"""Organiser pages: PDF documents of an agreement (upload, download, delete)."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from missionmatch import clock
from missionmatch.models import Agreement, AgreementDocument
from missionmatch.services import agreement_documents as documents
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import CurrentOrganiser, DbSession, Lang, ManagedMission
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.outcome_text import explain
from missionmatch.web.routes.agreements import detail_page
from missionmatch.web.security import verify_csrf

# room for the other form fields and the multipart framing around one file of the largest size allowed
FORM_OVERHEAD = 64 * 1024


def refuse_oversized_body(request: Request) -> None:
    """A body announced far over the limit is refused before it is read (and spooled to disk) at all;
    one just over it is read up to the limit and refused naming the field (`upload`)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > documents.MAX_DOCUMENT_BYTES + FORM_OVERHEAD:
        raise HTTPException(status_code=413, detail="document too large")


# the size check comes before the CSRF check, which parses the whole form
router = APIRouter(dependencies=[Depends(refuse_oversized_body), Depends(verify_csrf)])


def pdf_response(document: AgreementDocument) -> Response:
    """The PDF as a download (never shown inline from this site), its name encoded as RFC 6266 says."""
    disposition = f"attachment; filename=\"document.pdf\"; filename*=UTF-8''{quote(document.filename)}"
    return Response(
        document.content, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.post("/missions/{slug}/agreements/{agreement_id}/documents", name="agreement_document_upload")
async def upload(
    request: Request,
    mission: ManagedMission,
    organiser: CurrentOrganiser,
    agreement_id: int,
    db: DbSession,
    t: Lang,
    document: Annotated[UploadFile | None, File()] = None,
) -> Response:
    agreement = row_of_mission(db, mission, Agreement, agreement_id)
    # one byte more than allowed is enough to refuse a file, whatever its size
    content = await document.read(documents.MAX_DOCUMENT_BYTES + 1) if document is not None else b""
    try:
        documents.add_document(
            db,
            agreement,
            filename=(document.filename if document else "") or "",
            content=content,
            by=organiser.email,
            now=clock.now(),
        )
    except SetupRejected as rejected:
        db.rollback()
        return detail_page(request, mission, agreement, t, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/agreements/{agreement.id}?saved=1", status_code=303)


def _document_of(db: DbSession, agreement: Agreement, document_id: int) -> AgreementDocument:
    document = db.get(AgreementDocument, document_id)
    if document is None or document.agreement_id != agreement.id:
        raise HTTPException(status_code=404)
    return document


@router.get(
    "/missions/{slug}/agreements/{agreement_id}/documents/{document_id}", name="agreement_document_download"
)
def download(mission: ManagedMission, agreement_id: int, document_id: int, db: DbSession) -> Response:
    agreement = row_of_mission(db, mission, Agreement, agreement_id)
    return pdf_response(_document_of(db, agreement, document_id))


@router.post(
    "/missions/{slug}/agreements/{agreement_id}/documents/{document_id}/delete",
    name="agreement_document_delete",
)
def delete(mission: ManagedMission, agreement_id: int, document_id: int, db: DbSession) -> Response:
    agreement = row_of_mission(db, mission, Agreement, agreement_id)
    documents.delete_document(db, _document_of(db, agreement, document_id))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/agreements/{agreement.id}", status_code=303)
