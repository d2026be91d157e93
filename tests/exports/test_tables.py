"""exports/tables.py: every cell a spreadsheet would run as a formula is made text, by the same rule as the
mission workbook (excel_cells.looks_like_formula), in CSV and in xlsx."""

import io

import pytest
from openpyxl import load_workbook

from missionmatch.exports.tables import neutralise, to_csv, to_xlsx

RISKY = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "  =HYPERLINK(1)"]


@pytest.mark.parametrize("text", RISKY)
def test_formula_starts_are_quoted(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Anne = CEO", "Tōkyō", 3, None, "a-b"])
def test_other_values_are_kept(value: object) -> None:
    assert neutralise(value) == value


def test_csv_and_xlsx_carry_no_formula() -> None:
    table = (["name"], [[text] for text in RISKY])
    lines = to_csv(table).decode("utf-8-sig").splitlines()
    assert lines[:2] == ["name", "'=1+1"]
    sheet = load_workbook(io.BytesIO(to_xlsx({"t": table}))).active
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2, max_row=3)] == [
        ("'=1+1", "s"),
        ("'+1", "s"),
    ]
