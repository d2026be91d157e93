"""Organiser page: import participants from .xlsx/.csv; every bad row is listed and nothing is written."""

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import Response

from missionmatch.services.participant_import import import_participants
from missionmatch.services.problems import InputRejected
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
    suffix = Path(file.filename or "").suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        error = t.gettext("The file is larger than 5 MB.")
        return render(request, "import.html", status_code=400, mission=mission, error=error)
    # the import reads from a path and decides the format by the extension, as on the command line
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            report = import_participants(db, mission, path)
        except InputRejected as rejected:
            db.rollback()
            return render(
                request, "import.html", status_code=400, mission=mission, problems=rejected.problems
            )
        except UnreadableFile:
            db.rollback()
            error = t.gettext("This file cannot be read. Please upload an .xlsx or .csv file.")
            return render(request, "import.html", status_code=400, mission=mission, error=error)
    db.commit()
    return render(request, "import.html", mission=mission, report=report, filename=file.filename)
