"""The agreements register (list, create, read, replace, change status, delete), the feedback and the
follow-ups of a mission, for its organisers; participants read the public agreements of their organisation."""

from fastapi import APIRouter, Depends, Response, UploadFile

from missionmatch import clock
from missionmatch.models import Agreement, AgreementDocument, Mission
from missionmatch.services import agreement_documents as documents
from missionmatch.services import agreements, feedback_views, follow_ups
from missionmatch.services.agreement_fields import read_agreement
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession
from missionmatch.web.outcome_filters import FeedbackFilters, Filters, done_filter, follow_up_kind
from missionmatch.web.permissions import participant_sees_agreement
from missionmatch.web.routes.agreement_documents import pdf_response, refuse_oversized_body
from missionmatch.web.routes.api.access import (
    ApiOrganiser,
    ApiParticipant,
    ManagedMission,
    not_found,
)
from missionmatch.web.routes.api.agreement_refusals import refused
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.outcome_bodies import (
    AgreementIn,
    AgreementOut,
    MissionFeedbackOut,
    StatusIn,
    agreement_out,
    feedback_out,
)

router = APIRouter(tags=["outcomes"])
PATH = "/missions/{slug}/agreements"


def _agreement(mission: Mission, db: DbSession, agreement_id: int) -> Agreement:
    agreement = db.get(Agreement, agreement_id)
    if agreement is None or agreement.mission_id != mission.id:
        raise not_found("agreement")
    return agreement


@router.get(PATH, responses=answers(403, 404, 422))
def list_agreements(mission: ManagedMission, db: DbSession, filters: Filters) -> list[AgreementOut]:
    """Query: status, kind, party (an organisation id), confidential (1 or 0)."""
    return [agreement_out(a) for a in agreements.register(db, mission, filters)]


@router.post(PATH, status_code=201, responses=answers(400, 403, 404, 409, 422))
def create_agreement(
    mission: ManagedMission, organiser: ApiOrganiser, db: DbSession, body: AgreementIn
) -> AgreementOut:
    """A new agreement starts as a draft; change its status with .../status. 409 when a party or a
    meeting is not one of this mission's."""
    try:
        fields = read_agreement(mission, body.as_input())
    except SetupRejected as rejected:
        raise refused(rejected) from None
    created = agreements.create_agreement(db, mission, fields, by=organiser.email, now=clock.now())
    db.commit()
    return agreement_out(created)


@router.get(PATH + "/{agreement_id}", responses=answers(403, 404, 422))
def get_agreement(mission: ManagedMission, db: DbSession, agreement_id: int) -> AgreementOut:
    return agreement_out(_agreement(mission, db, agreement_id))


@router.put(PATH + "/{agreement_id}", responses=answers(400, 403, 404, 409, 422))
def replace_agreement(
    mission: ManagedMission, db: DbSession, agreement_id: int, body: AgreementIn
) -> AgreementOut:
    """Everything but the status and the documents; 409 for parties or meetings not of this mission, or
    no date of signature for an agreement that is signed."""
    agreement = _agreement(mission, db, agreement_id)
    try:
        agreements.update_agreement(db, agreement, read_agreement(mission, body.as_input()))
    except SetupRejected as rejected:
        db.rollback()
        raise refused(rejected) from None
    db.commit()
    return agreement_out(agreement)


@router.post(PATH + "/{agreement_id}/status", responses=answers(400, 403, 404, 409, 422))
def change_status(
    mission: ManagedMission, organiser: ApiOrganiser, db: DbSession, agreement_id: int, body: StatusIn
) -> AgreementOut:
    """Appends the change to the history; 422 for an unknown status; 409 naming `status` when the step is
    not allowed from the current status or the status is no longer `seen`, `signed_on` when a signed
    agreement would have no date."""
    agreement = _agreement(mission, db, agreement_id)
    try:
        agreements.change_status(
            db,
            agreement,
            body.status,
            seen=body.seen,
            by=organiser.email,
            now=clock.now(),
            note=body.note,
            signed_on=body.signed_on,
        )
    except SetupRejected as rejected:
        db.rollback()
        raise refused(rejected) from None
    db.commit()
    return agreement_out(agreement)


@router.delete(PATH + "/{agreement_id}", status_code=204, responses=answers(403, 404, 422))
def delete_agreement(mission: ManagedMission, db: DbSession, agreement_id: int) -> Response:
    agreements.delete_agreement(db, _agreement(mission, db, agreement_id))
    db.commit()
    return Response(status_code=204)


@router.post(
    PATH + "/{agreement_id}/documents",
    status_code=201,
    dependencies=[Depends(refuse_oversized_body)],
    responses=answers(400, 403, 404, 413, 415, 422),
)
async def upload_document(
    mission: ManagedMission, organiser: ApiOrganiser, db: DbSession, agreement_id: int, document: UploadFile
) -> AgreementOut:
    """Multipart field `document`: a PDF of at most 5 MB; 413 when larger, 415 when empty or not a PDF,
    422 when missing."""
    agreement = _agreement(mission, db, agreement_id)
    content = await document.read(documents.MAX_DOCUMENT_BYTES + 1)
    try:
        documents.add_document(
            db,
            agreement,
            filename=document.filename or "",
            content=content,
            by=organiser.email,
            now=clock.now(),
        )
    except SetupRejected as rejected:
        db.rollback()
        raise refused(rejected) from None
    db.commit()
    return agreement_out(agreement)


@router.get(
    PATH + "/{agreement_id}/documents/{document_id}",
    response_class=Response,
    responses=answers(403, 404, 422),
)
def download_document(
    mission: ManagedMission, db: DbSession, agreement_id: int, document_id: int
) -> Response:
    """The PDF, as an attachment."""
    agreement = _agreement(mission, db, agreement_id)
    document = db.get(AgreementDocument, document_id)
    if document is None or document.agreement_id != agreement.id:
        raise not_found("document")
    return pdf_response(document)


@router.get("/missions/{slug}/feedback", responses=answers(403, 404, 422))
def list_feedback(
    mission: ManagedMission, db: DbSession, filters: FeedbackFilters
) -> list[MissionFeedbackOut]:
    """Query: session, side, rating, follow_up (a kind, "wanted" or "none"), participant."""
    return [feedback_out(f) for f in feedback_views.feedback_list(db, mission, filters)]


@router.get("/missions/{slug}/follow-ups", responses=answers(403, 404, 422))
def list_follow_ups(
    mission: ManagedMission, db: DbSession, done: str = "", kind: str = ""
) -> list[MissionFeedbackOut]:
    """Feedback that promised a follow-up; query: done (1 or 0), kind (call, visit, send_offer, agreement)."""
    found = follow_ups.follow_ups(db, mission, done=done_filter(done), kind=follow_up_kind(kind))
    return [feedback_out(f) for f in found]


@router.get("/me/agreements", responses=answers(403))
def my_agreements(me: ApiParticipant) -> list[AgreementOut]:
    """The public agreements of the caller's mission that their organisation is a party to."""
    return [agreement_out(a) for a in me.mission.agreements if participant_sees_agreement(me, a)]
