"""Organiser download: the mission as an Excel workbook a person reads (exports/excel.py)."""

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from missionmatch.exports.excel import mission_workbook
from missionmatch.i18n import LANGUAGES
from missionmatch.services.mission_export import export_mission
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.security import verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/missions/{slug}/export.xlsx")
def workbook_download(
    mission: ManagedMission, db: DbSession, t: Lang, language: str | None = None
) -> Response:
    """In `language` (en, fr or ja), by default the organiser's own."""
    chosen = language or t.language
    if chosen not in LANGUAGES:
        raise HTTPException(status_code=404)
    content = mission_workbook(export_mission(db, mission), language=chosen)
    disposition = f'attachment; filename="{mission.slug}.xlsx"'
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})
