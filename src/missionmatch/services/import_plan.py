"""What importing a sheet would do, row by row, without writing anything: each row adds a participant,
updates a registered one (the fields that change, before and after) or leaves them unchanged; every bad row
and cell is named. The preview shows this plan, and the apply step writes it only when it is still the same
(`fingerprint`)."""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from missionmatch.models import Mission, Organisation, Participant
from missionmatch.models.enums import Side
from missionmatch.services.import_cells import Values, read_cells
from missionmatch.services.import_changes import Change, organisation_changes, person_changes
from missionmatch.services.import_mapping import ColumnChoice
from missionmatch.services.import_reasons import Complain, row_problem
from missionmatch.services.participant_columns import missing_fields
from missionmatch.services.participant_limits import (
    LIMIT_FIELDS,
    MeetingLimits,
    TableHolder,
    check_limits,
    smallest_session_tables,
    tables_kept,
)
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.setup_fields import FieldError
from missionmatch.services.tabular import Sheet

ADD, UPDATE, UNCHANGED = "add", "update", "unchanged"
NEW_PERSON_FIELDS = ("email", "first_name", "last_name", "organisation")


@dataclass(frozen=True)
class PlannedRow:
    number: int  # as the user sees it in the file
    action: str  # ADD, UPDATE or UNCHANGED
    email: str
    name: str
    organisation: str
    side: Side
    changes: list[Change]
    values: Values
    participant_id: int | None  # the registered participant an update is about


@dataclass
class ImportPlan:
    choice: ColumnChoice
    encoding: str | None
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def fingerprint(self) -> str:
        """Equal for two plans that write the same: the apply step refuses a plan the preview did not show."""
        rows = [
            [r.number, r.action, r.email, [[c.field, c.before, c.after] for c in r.changes]]
            for r in self.rows
        ]
        text = json.dumps(
            [self.choice.as_json(), rows, self.new_organisations], sort_keys=True, ensure_ascii=False
        )
        return hashlib.sha256(text.encode()).hexdigest()


class _Mission:
    """The mission as the rows find it, and what earlier rows of the file already claimed."""

    def __init__(self, session: Session, mission: Mission, key_field: str) -> None:
        # one query for the people, their profiles and organisations, not one a row compared
        people = list(
            session.scalars(
                select(Participant)
                .where(Participant.mission_id == mission.id)
                .options(selectinload(Participant.profile), selectinload(Participant.organisation))
            )
        )
        self.by_key = {getattr(p, key_field): p for p in people}
        self.by_email = {p.email: p for p in people}
        self.by_reference = {p.key: p for p in people}
        self.organisations = {o.name.casefold(): o for o in mission.organisations}
        self.new_sides: dict[str, Side] = {}
        self.organisation_rows: dict[tuple[str, str], tuple[Any, int]] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.tables = smallest_session_tables(mission)
        self.taken = tables_kept(mission, lambda p: p.organisation.name.casefold())


def plan_import(session: Session, mission: Mission, sheet: Sheet, choice: ColumnChoice) -> ImportPlan:
    columns = choice.columns
    missing = missing_fields(columns, choice.key_field)
    if missing:
        raise InputRejected([Problem("header", "", f"no column for {name!r}") for name in missing])
    plan = ImportPlan(choice, sheet.encoding)
    state = _Mission(session, mission, choice.key_field)
    order = {name: sheet.headers.index(header) for name, header in columns.items()}
    new: set[str] = set()
    for offset, raw in enumerate(sheet.rows):
        number = sheet.first_row_number + offset
        cells = {name: raw.get(header, "").strip() for name, header in columns.items()}
        if not any(cells.values()):
            continue  # blank lines at the end of sheets are common
        complaints: list[tuple[str, FieldError]] = []
        planned = _plan_row(state, choice, number, cells, _collector(complaints))
        if complaints:
            complaints.sort(key=lambda c: order.get(c[0], len(order)))  # in the file's column order
            plan.problems.extend(row_problem(number, columns.get(f, f), why) for f, why in complaints)
        elif planned is not None:
            plan.rows.append(planned)
            folded = planned.organisation.casefold()
            if folded not in state.organisations and folded not in new:
                new.add(folded)
                plan.new_organisations.append(planned.organisation)
    return plan


def _collector(complaints: list[tuple[str, FieldError]]) -> Complain:
    def bad(field: str, why: FieldError) -> None:
        complaints.append((field, why))

    return bad


def _plan_row(
    state: _Mission, choice: ColumnChoice, number: int, cells: dict[str, str], bad: Complain
) -> PlannedRow | None:
    values = read_cells(cells, bad)
    key_field = choice.key_field
    match = values.get(key_field) if key_field == "email" else cells.get(key_field)
    existing = state.by_key.get(match) if match else None
    for name in dict.fromkeys((key_field, "email", "key")):
        value = values.get(name) if name != key_field else match
        if value and (name, value) in state.seen:
            bad(name, FieldError("appears_twice", {"value": value, "row": state.seen[(name, value)]}))
        elif value:
            state.seen[(name, value)] = number
    if not cells.get(key_field) and key_field not in values:
        bad(key_field, FieldError("empty"))
    if existing is not None and not choice.update:
        bad(key_field, FieldError("already_registered", {"value": match}))
    holder = state.by_email.get(values.get("email", ""))
    if holder is not None and holder is not existing:
        bad("email", FieldError("already_registered", {"value": values["email"]}))
    reference = state.by_reference.get(values.get("key", ""))
    if key_field != "key" and reference is not None and reference is not existing:
        bad("key", FieldError("key_of_another", {"value": values["key"]}))
    if existing is None:
        for name in NEW_PERSON_FIELDS:
            if name != key_field and not cells.get(name) and name not in values:
                bad(name, FieldError("empty"))
    organisation_name = values.get("organisation") or (existing.organisation.name if existing else "")
    side = _side(state, organisation_name, values, cells, bad)
    _check_limits(state, existing, organisation_name, values, number, bad)
    organisation = state.organisations.get(organisation_name.casefold())
    changes = person_changes(existing, values) if existing else []
    if organisation is not None:
        changes += _organisation_changes(state, organisation, values, number, bad)
    if side is None:
        return None  # every way to leave the side unknown complained above
    action = ADD if existing is None else UPDATE if changes else UNCHANGED
    person = existing
    return PlannedRow(
        number=number,
        action=action,
        email=values.get("email") or (person.email if person else ""),
        name=_name(values, person),
        organisation=organisation_name,
        side=side,
        changes=changes,
        values=values,
        participant_id=person.id if person else None,
    )


def _name(values: Values, person: Participant | None) -> str:
    first = values.get("first_name") or (person.first_name if person else "")
    last = values.get("last_name") or (person.last_name if person else "")
    return f"{first} {last}".strip()


def _side(state: _Mission, name: str, values: Values, cells: dict[str, str], bad: Complain) -> Side | None:
    if not name:
        return None
    folded = name.casefold()
    existing = state.organisations.get(folded)
    known = existing.side if existing else state.new_sides.get(folded)
    side = values.get("side")
    if side and known and side != known:
        bad("side", FieldError("other_side", {"organisation": name, "side": known.value}))
    side = side or known
    if side is None and not cells.get("side"):
        bad("side", FieldError("empty_side_new_organisation", {"organisation": name}))
    if side and existing is None:
        state.new_sides.setdefault(folded, side)
    return side


def _check_limits(
    state: _Mission, person: Participant | None, organisation: str, values: Values, number: int, bad: Complain
) -> None:
    def current(name: str) -> int | None:
        return values[name] if name in values else getattr(person, name) if person else None

    if not any(name in values for name in LIMIT_FIELDS):
        return
    limits = MeetingLimits(*(current(name) for name in LIMIT_FIELDS))
    errors = check_limits(limits, state.tables, organisation.casefold(), state.taken)
    for name in LIMIT_FIELDS:
        if name in errors:
            bad(name, errors[name])
    if limits.hosted_table is not None and "hosted_table" not in errors:
        holder = f"{_name(values, person)} ({organisation}), row {number}"
        state.taken.setdefault(limits.hosted_table, TableHolder(organisation.casefold(), holder))


def _organisation_changes(
    state: _Mission, organisation: Organisation, values: Values, number: int, bad: Complain
) -> list[Change]:
    """An organisation's city, country or website from the first row that changes it; a later row that
    gives another value is refused, not silently preferred."""
    changes = []
    for change in organisation_changes(organisation, values):
        claimed = state.organisation_rows.get((organisation.name.casefold(), change.field))
        if claimed is None:
            state.organisation_rows[(organisation.name.casefold(), change.field)] = (change.after, number)
            changes.append(change)
        elif claimed[0] != change.after:
            claim = {"organisation": organisation.name, "value": claimed[0], "row": claimed[1]}
            bad(change.field, FieldError("organisation_claimed", claim))
    return changes
