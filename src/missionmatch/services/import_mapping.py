"""Which column of a participant sheet holds which field, as the organiser chose it: suggested from the
mission's last choice and from English, French and Japanese headers, checked, and saved per mission."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from missionmatch.models import ImportMapping, Mission
from missionmatch.services.participant_columns import (
    KEY_FIELDS,
    MAPPABLE,
    missing_fields,
    normalise,
    suggest_columns,
)
from missionmatch.services.problems import InputRejected, Problem


@dataclass(frozen=True)
class ColumnChoice:
    columns: dict[str, str]  # field -> header
    key_field: str = "email"  # the field that finds the registered participant a row is about
    update: bool = True  # a row about a registered participant updates them (else it is refused)
    ignored: tuple[str, ...] = field(default=())  # headers the organiser chose to leave out

    def as_json(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "key": self.key_field,
            "update": self.update,
            "ignored": list(self.ignored),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ColumnChoice":
        return cls(dict(data["columns"]), data["key"], bool(data["update"]), tuple(data.get("ignored", ())))


def saved_mapping(session: Session, mission: Mission) -> ImportMapping | None:
    return session.get(ImportMapping, mission.id)


def suggest_choice(session: Session, mission: Mission, headers: list[str]) -> ColumnChoice:
    saved = saved_mapping(session, mission)
    columns = suggest_columns(headers, saved.headers if saved else None)
    key_field = saved.key_field if saved and saved.key_field in columns else "email"
    return ColumnChoice(columns, key_field)


def choice_from_columns(headers: list[str], picked: list[str], key_field: str, update: bool) -> ColumnChoice:
    """The mapping screen's answer: one field (or "" to ignore it) per column, in the file's order; raises
    InputRejected naming each column that is wrong and each needed field that no column holds."""
    problems = []
    columns: dict[str, str] = {}
    for header, chosen in zip(headers, picked, strict=True):
        if not chosen:
            continue
        if chosen not in MAPPABLE:
            problems.append(Problem("mapping", header, "unknown_field"))
        elif chosen in columns:
            problems.append(Problem("mapping", header, f"same_field:{columns[chosen]}"))
        else:
            columns[chosen] = header
    if key_field not in KEY_FIELDS:
        problems.append(Problem("mapping", key_field, "unknown_key"))
    problems.extend(Problem("mapping", name, "missing") for name in missing_fields(columns, key_field))
    if problems:
        raise InputRejected(problems)
    ignored = tuple(header for header in headers if header not in columns.values())
    return ColumnChoice(columns, key_field, update, ignored)


def save_choice(session: Session, mission: Mission, choice: ColumnChoice) -> None:
    """Kept for the mission's next file: each header's field, and the headers left out."""
    headers = {normalise(header): name for name, header in choice.columns.items()}
    headers.update({normalise(header): "" for header in choice.ignored})
    saved = saved_mapping(session, mission)
    if saved is None:
        session.add(ImportMapping(mission_id=mission.id, headers=headers, key_field=choice.key_field))
    else:
        saved.headers = {**saved.headers, **headers}
        saved.key_field = choice.key_field
    session.flush()
