"""Organiser pages: the mission's audit log (searched, filtered, paged), a participant's entries, the export
(CSV or Excel) and undo of the operations that can safely be undone."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.exports.tables import to_csv, to_xlsx
from missionmatch.models import Participant
from missionmatch.services import audit_log
from missionmatch.services.audit_undo import UNDOABLE, UndoRefused, undo_batch
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.web.audit_text import (
    ACTORS,
    ENTITIES,
    OPERATIONS,
    entry_words,
    operation_text,
    refusal_text,
    value_text,
)
from missionmatch.web.deps import DbSession, Lang, ManagedMission, Settings
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.participants import _participant_of
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, person: Participant | None
) -> Response:
    query = audit_log.AuditQuery.parse(request.query_params, person.id if person else None)
    found = audit_log.search_entries(db, mission.id, query)
    undone = request.query_params.get("undone", "")
    return render(
        request,
        "audit_log.html",
        mission=mission,
        person=person,
        entries=found.rows,
        paging=found.paging,
        undone=found.undone,
        names=found.names,
        query=query,
        words={e.id: entry_words(t, e) for e in found.rows},
        value_text=value_text,
        participant_ids=audit_log.participant_ids,
        undoable=UNDOABLE,
        actors=ACTORS,
        entities=ENTITIES,
        undone_name=operation_text(t, undone) if undone in OPERATIONS else "",
    )


@router.get("/missions/{slug}/audit", name="audit_mission_log")
def mission_log(request: Request, mission: ManagedMission, db: DbSession, t: Lang) -> Response:
    return _page(request, mission, db, t, None)


@router.get("/missions/{slug}/participants/{participant_id}/history", name="audit_participant_log")
def participant_log(
    request: Request, mission: ManagedMission, participant_id: int, db: DbSession, t: Lang
) -> Response:
    return _page(request, mission, db, t, _participant_of(db, mission, participant_id))


@router.get("/missions/{slug}/audit/export.{file_type}", name="audit_export")
def export_log(request: Request, mission: ManagedMission, file_type: str, db: DbSession) -> Response:
    if file_type not in ("csv", "xlsx"):
        raise HTTPException(status_code=404)
    table = audit_log.export_rows(db, mission.id, audit_log.AuditQuery.parse(request.query_params))
    if file_type == "csv":
        content, media_type = to_csv(table), "text/csv; charset=utf-8"
    else:
        content, media_type = to_xlsx({"audit": table}), XLSX
    name = f"{mission.slug}-audit.{file_type}"
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.post("/missions/{slug}/audit/{batch}/undo", name="audit_batch_undo")
def undo(
    request: Request, mission: ManagedMission, batch: str, db: DbSession, settings: Settings, t: Lang
) -> Response:
    try:
        name = undo_batch(db, mission, batch, mail=settings.mail)
    except UndoRefused as refused:
        db.rollback()
        return render(request, "error.html", status_code=409, message=refusal_text(t, refused))
    except PlacementRefused as refused:  # the meeting's slot no longer fits the previous attendees
        db.rollback()
        message = " ".join(refusal_texts(t, refused.refusals, mission.timezone))
        return render(request, "error.html", status_code=409, message=message)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/audit?undone={name}", status_code=303)
