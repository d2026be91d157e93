"""Registers or updates participants from a sheet in one call, as the command line does: the columns found
from the headers (and the mission's saved mapping, and `--map` overrides), every row checked first, then all
written or none (`import_apply`)."""

from pathlib import Path

from sqlalchemy.orm import Session

from missionmatch.models import Mission
from missionmatch.services.import_apply import ImportReport, apply_import
from missionmatch.services.import_mapping import ColumnChoice, saved_mapping
from missionmatch.services.import_plan import ImportPlan, plan_import
from missionmatch.services.participant_columns import detect_columns
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.tabular import Sheet, read_sheet

__all__ = ["ImportReport", "choose_columns", "import_participants", "import_sheet", "preview_sheet"]


def choose_columns(
    session: Session,
    mission: Mission,
    sheet: Sheet,
    overrides: dict[str, str] | None = None,
    *,
    key_field: str = "email",
    update: bool = True,
) -> ColumnChoice:
    """The suggested mapping with the caller's overrides; raises InputRejected when a needed column lacks."""
    saved = saved_mapping(session, mission)
    columns, problems = detect_columns(sheet.headers, overrides, saved.headers if saved else None)
    if key_field not in columns and not problems:
        problems.append(f"no column for {key_field!r} (use --map {key_field}=COLUMN)")
    if problems:
        raise InputRejected([Problem("header", "", text) for text in problems])
    ignored = tuple(h for h in sheet.headers if h not in columns.values())
    return ColumnChoice(columns, key_field, update, ignored)


def preview_sheet(session: Session, mission: Mission, sheet: Sheet, choice: ColumnChoice) -> ImportPlan:
    return plan_import(session, mission, sheet, choice)


def import_sheet(
    session: Session,
    mission: Mission,
    sheet: Sheet,
    column_overrides: dict[str, str] | None = None,
    *,
    key_field: str = "email",
    update: bool = True,
) -> ImportReport:
    choice = choose_columns(session, mission, sheet, column_overrides, key_field=key_field, update=update)
    return apply_import(session, mission, sheet, choice)


def import_participants(
    session: Session,
    mission: Mission,
    path: Path,
    column_overrides: dict[str, str] | None = None,
    *,
    key_field: str = "email",
    update: bool = True,
) -> ImportReport:
    return import_sheet(
        session, mission, read_sheet(path), column_overrides, key_field=key_field, update=update
    )
