"""Writing cells of the mission workbook safely and legibly.

Every text is written as a text cell: a name like `=HYPERLINK(...)` that a participant typed must not become
a live formula when an organiser opens the workbook (formula injection, OWASP "CSV injection")."""

from typing import Any

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# what spreadsheet programs read as the start of a formula (or a DDE command), after optional blanks
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_WIDEST = 60


def looks_like_formula(text: str) -> bool:
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def append(sheet: Worksheet, values: list[Any]) -> None:
    """Appends a row; a text that looks like a formula is typed as text and marked with Excel's quote
    prefix, so that neither opening nor editing the cell evaluates it. The value itself stays unchanged."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def write_table(sheet: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    """A bold, frozen header row, the rows, and columns wide enough for their longest text."""
    append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append(sheet, row)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max(_width(value) for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, _WIDEST)


def _width(value: Any) -> int:
    if value is None:
        return 0
    text = str(value)
    # East Asian characters take about two columns of a Latin font
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def sheet_title(name: str, taken: set[str]) -> str:
    """`name` as a legal sheet title (31 characters, none of []:*?/\\), distinct from the `taken` ones."""
    base = " ".join(name.translate(_SHEET_NAME_FORBIDDEN).split())[:31] or "Sheet"
    title, number = base, 2
    while title.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title
