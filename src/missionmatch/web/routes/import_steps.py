"""Organiser pages after the upload: choose which column holds which field, preview what the import adds,
updates and leaves unchanged (with every bad row and cell), then apply it in one transaction."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import ImportUpload, Mission
from missionmatch.services.import_apply import PreviewOutdated
from missionmatch.services.import_mapping import ColumnChoice, choice_from_columns
from missionmatch.services.import_uploads import (
    apply_upload,
    choose_mapping,
    find_upload,
    preview_upload,
    upload_choice,
    upload_sheet,
)
from missionmatch.services.participant_columns import KEY_FIELDS, MAPPABLE
from missionmatch.services.problems import InputRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.i18n import Translator
from missionmatch.web.import_text import ACTIONS, FIELD_LABELS, mapping_problem, shown_problems
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
SAMPLES = 3  # values shown under each column on the mapping screen


def _upload(db: DbSession, mission: Mission, upload_id: int) -> ImportUpload:
    found = find_upload(db, mission, upload_id)
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _mapping_page(
    request: Request,
    db: DbSession,
    mission: Mission,
    upload: ImportUpload,
    refused: ColumnChoice | None = None,
    picked: list[str] | None = None,
    **extra: object,
) -> Response:
    sheet = upload_sheet(upload)
    choice = refused or upload_choice(db, mission, upload)
    by_header = {header: field for field, header in choice.columns.items()}
    picked = picked or [by_header.get(header, "") for header in sheet.headers]  # a refused choice is kept
    columns = [
        (index, header, picked[index], [row.get(header, "") for row in sheet.rows[:SAMPLES]])
        for index, header in enumerate(sheet.headers)
    ]
    return render(
        request,
        "import_mapping.html",
        status_code=400 if extra.get("problems") else 200,
        mission=mission,
        upload=upload,
        columns=columns,
        choice=choice,
        fields=[(name, FIELD_LABELS[name]) for name in MAPPABLE],
        key_fields=[(name, FIELD_LABELS[name]) for name in KEY_FIELDS],
        **extra,
    )


@router.get("/missions/{slug}/import/{upload_id}", name="import_mapping_page")
def mapping_page(request: Request, mission: ManagedMission, db: DbSession, upload_id: int) -> Response:
    return _mapping_page(request, db, mission, _upload(db, mission, upload_id))


@router.post("/missions/{slug}/import/{upload_id}", name="import_mapping_choose")
async def mapping_choose(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    upload_id: int,
    key: Annotated[str, Form()] = "email",
    update: Annotated[str, Form()] = "",
) -> Response:
    upload = _upload(db, mission, upload_id)
    headers = upload_sheet(upload).headers
    form = await request.form()
    picked = [str(form.get(f"column-{index}", "")) for index in range(len(headers))]
    try:
        choice = choice_from_columns(headers, picked, key, update == "on")
    except InputRejected as rejected:
        problems = [mapping_problem(t, problem) for problem in rejected.problems]
        refused = ColumnChoice({}, key, update == "on")  # shown as sent, to be fixed
        return _mapping_page(request, db, mission, upload, refused, picked, problems=problems)
    choose_mapping(db, mission, upload, choice)
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/import/{upload.id}/preview", status_code=303)


def _preview_page(
    request: Request,
    db: DbSession,
    t: Translator,
    mission: Mission,
    upload: ImportUpload,
    status_code: int = 200,
    **extra: object,
) -> Response:
    try:
        plan = preview_upload(db, mission, upload)
    except InputRejected:  # the mapping misses a column: choose it again
        return RedirectResponse(f"/missions/{mission.slug}/import/{upload.id}", status_code=303)
    return render(
        request,
        "import_preview.html",
        status_code=400 if plan.problems and status_code == 200 else status_code,
        mission=mission,
        upload=upload,
        plan=plan,
        problems=shown_problems(t, plan.problems),
        labels=FIELD_LABELS,
        actions=ACTIONS,
        **extra,
    )


@router.get("/missions/{slug}/import/{upload_id}/preview", name="import_preview_page")
def preview_page(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, upload_id: int
) -> Response:
    return _preview_page(request, db, t, mission, _upload(db, mission, upload_id))


@router.post("/missions/{slug}/import/{upload_id}/apply", name="import_apply")
def apply(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    upload_id: int,
    fingerprint: Annotated[str, Form()],
) -> Response:
    upload = _upload(db, mission, upload_id)
    file_name = upload.file_name
    try:
        report = apply_upload(db, mission, upload, fingerprint)
    except (InputRejected, PreviewOutdated):
        db.rollback()
        error = t.gettext(
            "The participants changed since this preview, so nothing was written. Check the new preview "
            "below and apply it again."
        )
        return _preview_page(
            request, db, t, mission, _upload(db, mission, upload_id), status_code=409, error=error
        )
    db.commit()
    return render(request, "import.html", mission=mission, report=report, filename=file_name)
