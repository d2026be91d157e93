"""A table (a header and rows) as an Excel workbook or a CSV file that opens safely in a spreadsheet: a
text cell that a spreadsheet would read as a formula (excel_cells.looks_like_formula: = + - @, a tab or a
line break, after blanks) is prefixed with an apostrophe (CSV injection, OWASP)."""

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from missionmatch.exports.excel_cells import looks_like_formula

Table = tuple[Sequence[str], Sequence[Sequence[Any]]]


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made plain text; other values are kept."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def to_xlsx(sheets: dict[str, Table]) -> bytes:
    """One sheet per table, with a bold, frozen header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(name[:31])
        sheet.append([neutralise(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([neutralise(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents and Japanese right."""
    header, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([[neutralise(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
