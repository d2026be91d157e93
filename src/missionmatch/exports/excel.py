"""The mission as a workbook an organiser can filter and print: one sheet per kind of object.

Every text is written as a text cell: a name like `=HYPERLINK(...)` that a participant typed must not become
a live formula when an organiser opens the workbook (formula injection, OWASP "CSV injection")."""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

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


# what spreadsheet programs read as the start of a formula (or a DDE command), after optional blanks
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def looks_like_formula(text: str) -> bool:
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """Appends a row; a text that looks like a formula is typed as text and marked with Excel's quote
    prefix, so that neither opening nor editing the cell evaluates it. The value itself stays unchanged."""
    sheet.append([_cell(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def mission_workbook(document: Document) -> bytes:
    workbook = Workbook()
    mission_sheet = workbook.active
    mission_sheet.title = "mission"
    for key, value in document["mission"].items():
        _append(mission_sheet, [key, value])
    for name, columns in _SHEETS.items():
        sheet = workbook.create_sheet(name)
        _append(sheet, columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in document.get(name, []):
            _append(sheet, [item.get(column) for column in columns])
        sheet.freeze_panes = "A2"
    profiles = workbook.create_sheet("profiles")
    _append(profiles, ["participant", "language", "sectors", "offers", "needs", "keywords"])
    for person in document.get("participants", []):
        profile = person.get("profile") or {}
        _append(
            profiles,
            [
                person["key"],
                profile.get("language"),
                profile.get("sectors", []),
                profile.get("offers", ""),
                profile.get("needs", ""),
                profile.get("keywords", []),
            ],
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
