"""The mission workbook: one sheet per kind of object, participants with their meeting limits."""

from io import BytesIO

from openpyxl import load_workbook

from missionmatch.exports.excel import mission_workbook
from tests.factories import small_mission


def test_participants_sheet_lists_meeting_limits_and_hosted_tables() -> None:
    workbook = load_workbook(BytesIO(mission_workbook(small_mission())))
    rows = list(workbook["participants"].iter_rows(values_only=True))
    header = rows[0]
    wanted = [header.index(name) for name in ("key", "min_meetings", "max_meetings", "hosted_table")]
    assert [[row[i] for i in wanted] for row in rows[1:]] == [
        ["p-1", 0, 5, None],
        ["p-2", None, None, None],
        ["p-3", None, None, 2],
        ["p-4", None, None, 2],
    ]
