"""The day documents of a B2B session as downloads, for the pages and the API alike: a PDF or a workbook of
one kind, in the reader's language, with a file name built from the mission, the session and the kind."""

from fastapi.responses import Response

from missionmatch.exports.day_pdf import day_pdf
from missionmatch.exports.day_tables import sheets
from missionmatch.exports.tables import to_xlsx
from missionmatch.i18n import Translator
from missionmatch.models import Mission
from missionmatch.services.day_documents import DayDocuments

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _file_name(mission: Mission, documents: DayDocuments, kind: str, extension: str) -> str:
    draft = "-draft" if documents.draft else ""
    return f"{mission.slug}-{documents.session.key}-{kind}{draft}.{extension}"


def day_pdf_response(t: Translator, mission: Mission, documents: DayDocuments, kind: str) -> Response:
    # wall times of the mission, whatever zone the organiser views pages in
    pdf = day_pdf(t, documents, kind, mission.name, mission.timezone)
    return _download(pdf, "application/pdf", _file_name(mission, documents, kind, "pdf"))


def day_xlsx_response(t: Translator, mission: Mission, documents: DayDocuments, kind: str) -> Response:
    workbook = to_xlsx(sheets(t, documents, kind))
    return _download(workbook, XLSX, _file_name(mission, documents, kind, "xlsx"))
