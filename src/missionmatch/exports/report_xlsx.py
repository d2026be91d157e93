"""The mission report as an Excel workbook: one sheet per table of the report, in the reader's language,
every text written as text (exports/excel_cells.py), so that no name becomes a formula."""

import io

from openpyxl import Workbook

from missionmatch.exports.excel_cells import sheet_title, write_table
from missionmatch.exports.report_html import TITLES
from missionmatch.exports.report_tables import report_tables
from missionmatch.i18n import Translator
from missionmatch.services.mission_report import MissionReport


def report_workbook(report: MissionReport, t: Translator) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for name, (header, rows) in report_tables(report, t).items():
        sheet = workbook.create_sheet(sheet_title(t.gettext(TITLES[name]), taken))
        write_table(sheet, list(header), [list(row) for row in rows])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
