"""The mission as a workbook an organiser can filter and print: one sheet per kind of object."""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from missionmatch.services.mission_document import Document

_SHEETS: dict[str, list[str]] = {
    "organisations": ["key", "name", "side", "country", "city", "sectors", "size", "website", "description"],
    "participants": [
        "key",
        "email",
        "first_name",
        "last_name",
        "organisation",
        "job_title",
        "languages",
        "arrives_at",
        "departs_at",
        "min_meetings",
        "max_meetings",
        "hosted_table",
        "programme",
    ],
    "programme": [
        "key",
        "kind",
        "title",
        "sector",
        "city",
        "venue",
        "starts_at",
        "ends_at",
        "capacity",
        "host_organisation",
    ],
    "b2b_sessions": ["key", "name", "city", "venue", "starts_at", "slot_minutes", "slot_count", "tables"],
    "meeting_requests": ["key", "from", "to", "priority", "status", "created_at", "expires_at", "message"],
    "meetings": ["key", "participants", "session", "slot", "table", "interpreter", "status"],
    "agreements": ["key", "title", "kind", "parties", "signed_on", "status"],
}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def mission_workbook(document: Document) -> bytes:
    workbook = Workbook()
    mission_sheet = workbook.active
    mission_sheet.title = "mission"
    for key, value in document["mission"].items():
        mission_sheet.append([key, _cell(value)])
    for name, columns in _SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in document.get(name, []):
            sheet.append([_cell(item.get(column)) for column in columns])
        sheet.freeze_panes = "A2"
    profiles = workbook.create_sheet("profiles")
    profiles.append(["participant", "language", "sectors", "offers", "needs", "keywords"])
    for person in document.get("participants", []):
        profile = person.get("profile") or {}
        profiles.append(
            [
                person["key"],
                profile.get("language"),
                _cell(profile.get("sectors", [])),
                profile.get("offers", ""),
                profile.get("needs", ""),
                _cell(profile.get("keywords", [])),
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
