"""The agenda as files, for the pages, the API and the calendar feed alike: PDF and iCalendar responses with
a file name built from the mission and the participant's key."""

from fastapi.responses import Response

from missionmatch.exports.agenda_ical import agenda_ics
from missionmatch.exports.agenda_pdf import agenda_pdf
from missionmatch.services.agenda_document import AgendaDocument

ICS_TYPE = "text/calendar; charset=utf-8"


def _name(document: AgendaDocument, suffix: str) -> str:
    return f"agenda-{document.mission_slug}-{document.participant.key}.{suffix}"


def pdf_response(document: AgendaDocument) -> Response:
    return Response(
        agenda_pdf(document),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_name(document, "pdf")}"'},
    )


def ics_response(document: AgendaDocument, *, attachment: bool = True) -> Response:
    """`attachment=False` for the subscription feed, which calendar apps read rather than save."""
    headers = {"Cache-Control": "private, no-cache"}
    if attachment:
        headers["Content-Disposition"] = f'attachment; filename="{_name(document, "ics")}"'
    return Response(agenda_ics(document), media_type=ICS_TYPE, headers=headers)
