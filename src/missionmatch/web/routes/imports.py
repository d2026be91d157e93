"""Organiser page: upload a participant sheet (.xlsx/.csv). The file is kept on the server for the next steps
(`import_steps`): the column mapping, the preview, and applying it."""

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from missionmatch.services.import_uploads import store_upload
from missionmatch.services.tabular import UnreadableFile
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@router.get("/missions/{slug}/import")
def import_page(request: Request, mission: ManagedMission) -> Response:
    return render(request, "import.html", mission=mission)


@router.post("/missions/{slug}/import")
async def import_upload(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, file: Annotated[UploadFile, File()]
) -> Response:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        error = t.gettext("The file is larger than 5 MB.")
        return render(request, "import.html", status_code=400, mission=mission, error=error)
    try:
        upload = store_upload(db, mission, Path(file.filename or "upload").name, data)
    except UnreadableFile:
        db.rollback()
        error = t.gettext("This file cannot be read. Please upload an .xlsx or .csv file.")
        return render(request, "import.html", status_code=400, mission=mission, error=error)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/import/{upload.id}", status_code=303)
