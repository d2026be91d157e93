"""The day documents of a B2B session as PDF (WeasyPrint, system fonts, nothing fetched; see agenda_pdf):
the grid on A4 landscape (at most GRID_COLUMNS tables side by side, further tables on the next page), one
page per table for the door lists (both followed by the meetings that have no cell in the grid, if any),
the check-in sheet with a box to tick per participant, the interpreter
rota, and table cards to fold in two (A4 landscape, the upper half upside down so both sides read)."""

from missionmatch.exports.agenda_pdf import TEMPLATES, html_to_pdf
from missionmatch.exports.day_tables import (
    KINDS,
    cards_table,
    check_in_table,
    door_tables,
    off_plan_table,
    off_plan_title,
    plan_table,
    rota_table,
)
from missionmatch.i18n import Translator
from missionmatch.localized import viewing_in
from missionmatch.services.day_documents import DayDocuments

GRID_COLUMNS = 8  # tables per page width that stay readable on A4 landscape
OFF_PLAN_WITH = ("plan", "doors")


def _column_groups(tables: int) -> list[range]:
    return [range(start, min(start + GRID_COLUMNS, tables)) for start in range(0, tables, GRID_COLUMNS)]


def day_html(t: Translator, documents: DayDocuments, kind: str, mission_name: str, zone: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"{kind}: the day documents are {', '.join(KINDS)}")
    builders = {
        "plan": plan_table,
        "doors": door_tables,
        "checkin": check_in_table,
        "rota": rota_table,
        "cards": cards_table,
    }
    with viewing_in(t.language):  # the session's name and venue in the document's language
        return TEMPLATES.get_template("day_pdf.html").render(
            kind=kind,
            t=t,
            _=t.gettext,
            mission_name=mission_name,
            zone=zone,
            documents=documents,
            b2b=documents.session,
            groups=_column_groups(documents.session.tables),
            table=builders[kind](t, documents),  # only the document asked for
            # with the plan and the door lists, the meetings they cannot show
            off_plan=off_plan_table(t, documents) if kind in OFF_PLAN_WITH and documents.off_plan else None,
            off_plan_title=off_plan_title(t),
        )


def day_pdf(t: Translator, documents: DayDocuments, kind: str, mission_name: str, zone: str) -> bytes:
    return html_to_pdf(day_html(t, documents, kind, mission_name, zone))
