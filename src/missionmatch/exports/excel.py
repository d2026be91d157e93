"""The mission as a workbook a person reads, filters and prints: participants, organisations, one sheet per
B2B session with its meetings at their real times and tables, the programme. Headers and statuses speak the
workbook's language; every row keeps its key in the last column, so that a sheet can come back (the
Participants sheet is first and its headers are the ones `import participants` recognises)."""

import datetime as dt
from io import BytesIO
from typing import Any

from openpyxl import Workbook

from missionmatch.exports.excel_cells import sheet_title, write_table
from missionmatch.exports.excel_sessions import SESSION_HEADER, MeetingRows, time_range
from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.localized import text_in
from missionmatch.sectors import SECTORS, sector_name
from missionmatch.services.mission_document import Document

PARTICIPANT_HEADER = [
    _("First name"),
    _("Last name"),
    _("Company"),
    _("Side"),
    _("E-mail"),
    _("Job title"),
    _("Languages"),
    _("Min meetings"),
    _("Max meetings"),
    _("Hosted table"),
    _("Key"),
]
ORGANISATION_HEADER = [_("Name"), _("Side"), _("Country"), _("City"), _("Sectors"), _("Website"), _("Key")]
PROGRAMME_HEADER = [
    _("Date"),
    _("Time"),
    _("Kind"),
    _("Title"),
    _("City"),
    _("Venue"),
    _("Capacity"),
    _("Key"),
]
SIDES = {"delegation": _("Delegation"), "host": _("Host")}
KINDS = {
    "forum": _("Forum"),
    "workshop": _("Workshop"),
    "company_visit": _("Company visit"),
    "reception": _("Reception"),
    "pavilion_visit": _("Pavilion visit"),
    "travel": _("Travel"),
    "other": _("Other"),
}


def mission_workbook(document: Document, language: str = "en") -> bytes:
    """The workbook's bytes; `language` (en, fr or ja) for its headers, sheet names, sides and statuses."""
    t = Translator(language)
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()

    def add(title: str, header: list[str], rows: list[list[Any]]) -> None:
        sheet = workbook.create_sheet(sheet_title(title, taken))
        write_table(sheet, [t.gettext(h) for h in header], rows)

    organisations = {o["key"]: o for o in document.get("organisations", [])}
    people = [_participant(p, organisations, t) for p in document.get("participants", [])]
    add(t.gettext("Participants"), PARTICIPANT_HEADER, people)
    add(
        t.gettext("Organisations"), ORGANISATION_HEADER, [_organisation(o, t) for o in organisations.values()]
    )
    meeting_rows = MeetingRows(document, t)
    meetings = document.get("meetings", [])
    default = (document.get("mission", {}).get("languages") or [None])[0]
    for session in document.get("b2b_sessions", []):
        own = [m for m in meetings if m["session"] == session["key"]]
        add(text_in(session["name"], language, default), SESSION_HEADER, meeting_rows.rows(session, own))
    unplaced = [m for m in meetings if m["session"] is None]
    if unplaced:
        add(t.gettext("Meetings without a session"), SESSION_HEADER, meeting_rows.rows(None, unplaced))
    add(
        t.gettext("Programme"),
        PROGRAMME_HEADER,
        [_programme(i, t, default) for i in document.get("programme", [])],
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _participant(person: dict[str, Any], organisations: dict[str, Any], t: Translator) -> list[Any]:
    organisation = organisations[person["organisation"]]
    return [
        person["first_name"],
        person["last_name"],
        organisation["name"],
        t.gettext(SIDES[organisation["side"]]),
        person["email"],
        person["job_title"],
        ", ".join(person["languages"]),
        person["min_meetings"],
        person["max_meetings"],
        person["hosted_table"],
        person["key"],
    ]


def _organisation(organisation: dict[str, Any], t: Translator) -> list[Any]:
    return [
        organisation["name"],
        t.gettext(SIDES[organisation["side"]]),
        organisation["country"],
        organisation["city"],
        ", ".join(
            sector_name(code, t.language) if code in SECTORS else code for code in organisation["sectors"]
        ),
        organisation["website"],
        organisation["key"],
    ]


def _programme(item: dict[str, Any], t: Translator, default: str | None) -> list[Any]:
    starts, ends = dt.datetime.fromisoformat(item["starts_at"]), dt.datetime.fromisoformat(item["ends_at"])
    kind = KINDS.get(item["kind"])
    return [
        starts.date(),
        time_range(starts, ends),
        t.gettext(kind) if kind else item["kind"],
        text_in(item["title"], t.language, default),
        item["city"],
        text_in(item["venue"], t.language, default),
        item["capacity"],
        item["key"],
    ]
