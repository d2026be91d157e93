"""A participant's meeting limits and hosted table, checked in one place for every way they come in: the
organiser's form, the participant sheet and the mission document.

`min_meetings` and `max_meetings` are the meetings a participant wishes and accepts over the whole mission
(None: no limit). `hosted_table` is the table a host keeps in every B2B session, numbered from 1 as on the
table cards (None: none; `Meeting.table` counts from 0). A hosted table must exist in every session, and two
organisations never keep the same table: two people of one company share theirs."""

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from missionmatch.models import Mission, Participant
from missionmatch.services.problems import Problem
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.setup_fields import FieldError, FieldReader, SetupRejected

LIMIT_FIELDS = ("min_meetings", "max_meetings", "hosted_table")
MAX_MEETINGS = 1000
MAX_TABLE = 1000  # as many tables as a session may have (services/session_setup.py)
_WHOLE = re.compile(r"-?[0-9]+(\.0+)?")  # spreadsheets often write whole numbers as "3.0"
_ENGLISH = {
    "whole_number": "{value!r} is not a whole number",
    "negative": "must be 0 or more",
    "max_below_min": "is below the minimum ({min})",
    "table_number": "must be 1 or more (tables are numbered from 1)",
    "table_missing": "table {table} does not exist: the smallest B2B session has {tables} tables",
    "table_taken": "table {table} is already kept by {holder}",
}


@dataclass(frozen=True)
class MeetingLimits:
    min_meetings: int | None = None
    max_meetings: int | None = None
    hosted_table: int | None = None


@dataclass(frozen=True)
class TableHolder:
    organisation: object  # equal for two people of one organisation: a key, an id or a folded name
    name: str  # who keeps the table, as the error message shows them


def check_limits(
    limits: MeetingLimits, tables: int | None, organisation: object, taken: Mapping[int, TableHolder]
) -> dict[str, FieldError]:
    """Field -> what is wrong. `tables`: the smallest session's table count (None: no session yet);
    `taken`: the tables other participants keep."""
    errors = {}
    for name in ("min_meetings", "max_meetings"):
        value = getattr(limits, name)
        if value is not None and value < 0:
            errors[name] = FieldError("negative")
    low, high = limits.min_meetings, limits.max_meetings
    if not errors and low is not None and high is not None and low > high:
        errors["max_meetings"] = FieldError("max_below_min", {"min": low})
    table = limits.hosted_table
    if table is not None:
        holder = taken.get(table)
        if table < 1:
            errors["hosted_table"] = FieldError("table_number")
        elif tables is not None and table > tables:
            errors["hosted_table"] = FieldError("table_missing", {"table": table, "tables": tables})
        elif holder is not None and holder.organisation != organisation:
            errors["hosted_table"] = FieldError("table_taken", {"table": table, "holder": holder.name})
    return errors


def describe(error: FieldError) -> str:
    """The English text of an error, for the sheet and document imports (the web layer translates codes)."""
    return _ENGLISH[error.code].format(**error.values)


def whole_number(text: str) -> int | None:
    """A cell's whole number, None when blank; raises ValueError for anything else. Full-width digits,
    which Japanese input methods often type, count."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    if not _WHOLE.fullmatch(text):
        raise ValueError(text)
    return int(text.split(".")[0])


def read_cells(cells: Mapping[str, str]) -> tuple[MeetingLimits, dict[str, FieldError]]:
    """The three values of a sheet row (field -> cell text; absent or blank: None) and the cells that are
    not whole numbers."""
    values: dict[str, int | None] = {}
    errors = {}
    for name in LIMIT_FIELDS:
        try:
            values[name] = whole_number(cells.get(name, ""))
        except ValueError:
            values[name] = None
            errors[name] = FieldError("whole_number", {"value": cells[name]})
    return MeetingLimits(**values), errors


def smallest_session_tables(mission: Mission) -> int | None:
    return min((s.tables for s in mission.b2b_sessions), default=None)


def tables_kept(
    mission: Mission, organisation: Callable[[Participant], object], besides: Participant | None = None
) -> dict[int, TableHolder]:
    """Hosted table -> who keeps it (the first registered), among the mission's participants but `besides`."""
    kept: dict[int, TableHolder] = {}
    for p in mission.participants:
        if p.hosted_table is not None and p is not besides:
            holder = TableHolder(organisation(p), f"{p.full_name} ({p.organisation.name})")
            kept.setdefault(p.hosted_table, holder)
    return kept


def set_limits(session: Session, participant: Participant, form: Mapping[str, str]) -> None:
    """The organiser's form: writes the three values or raises SetupRejected naming every wrong field."""
    lock_schedule(session, participant.mission_id)  # two organisers giving away one table wait in turn
    read = FieldReader(form)
    limits = MeetingLimits(
        min_meetings=read.number("min_meetings", 0, MAX_MEETINGS, optional=True),
        max_meetings=read.number("max_meetings", 0, MAX_MEETINGS, optional=True),
        hosted_table=read.number("hosted_table", 1, MAX_TABLE, optional=True),
    )
    read.done()
    mission = participant.mission
    taken = tables_kept(mission, lambda p: p.organisation_id, besides=participant)
    errors = check_limits(limits, smallest_session_tables(mission), participant.organisation_id, taken)
    if errors:
        raise SetupRejected(errors)
    participant.min_meetings = limits.min_meetings
    participant.max_meetings = limits.max_meetings
    participant.hosted_table = limits.hosted_table
    session.flush()


def document_problems(participants: list[dict[str, Any]], sessions: list[dict[str, Any]]) -> list[Problem]:
    """The limits and hosted tables of a mission document's participants (services/mission_document.py)."""
    counts = [s.get("tables") for s in sessions]
    tables = min((c for c in counts if isinstance(c, int) and c >= 1), default=None)
    taken: dict[int, TableHolder] = {}
    problems = []
    for index, person in enumerate(participants):
        where = f"participants[{index}]"
        values = {}
        for name in LIMIT_FIELDS:
            value = person.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                problems.append(Problem(where, name, "must be a whole number or null"))
                value = None
            values[name] = value
        limits = MeetingLimits(**values)
        organisation = person.get("organisation")
        errors = check_limits(limits, tables, organisation, taken)
        problems.extend(Problem(where, name, describe(error)) for name, error in errors.items())
        if limits.hosted_table is not None and "hosted_table" not in errors:
            holder = TableHolder(organisation, f"{person.get('key')} (organisation {organisation})")
            taken.setdefault(limits.hosted_table, holder)
    return problems
