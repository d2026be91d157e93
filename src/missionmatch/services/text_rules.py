"""What text the application accepts, in one place: a size limit per field and no control characters.

A NUL byte, a form feed or an escape sequence has no meaning in a name or a profile; stored, it breaks
PostgreSQL (which refuses NUL), terminals and exports. Long free-text fields keep tab and line breaks."""

import unicodedata
from collections.abc import Iterator
from typing import Any

from missionmatch.services.problems import Problem

# one-line fields, by name: the column sizes of the models (a longer value would not fit the column)
SHORT_LIMITS: dict[str, int] = {
    "email": 254,
    "first_name": 100,
    "last_name": 100,
    "job_title": 200,
    "organisation": 200,
    "name": 200,
    "city": 100,
    "venue": 200,
    "address": 300,
    "website": 300,
    "title": 300,
    "organiser": 200,
    "key": 80,
    "slug": 80,
    "timezone": 64,
}
# free-text fields, where tab and line breaks are kept
LONG_FIELDS = frozenset({"description", "offers", "needs", "message", "comment", "reason", "notes"})
LONG_LIMIT = 4000
# anything else (a cell of an unknown column, a value in an API body): large enough for any real text
OTHER_LIMIT = 10_000
_KEPT_IN_LONG_TEXT = frozenset("\t\n\r")


def limit_for(field: str) -> int:
    if field in LONG_FIELDS:
        return LONG_LIMIT
    return SHORT_LIMITS.get(field, OTHER_LIMIT)


def _is_control(character: str, multiline: bool) -> bool:
    if multiline and character in _KEPT_IN_LONG_TEXT:
        return False
    # Cc: C0 controls (NUL...), DEL and C1; Cs: lone surrogates, which no encoding can store
    return unicodedata.category(character) in ("Cc", "Cs")


def text_problem(
    value: str, field: str, limit: int | None = None, multiline: bool | None = None
) -> str | None:
    """Why this value cannot be stored in this field, in words; None when it can."""
    found = text_rule_broken(value, field, limit, multiline)
    if found is None:
        return None
    code, values = found
    if code == "text_too_long":
        return f"is {values['length']:,} characters long; at most {values['limit']:,} are allowed"
    return f"contains a control character ({values['character']}) at position {values['position']}"


def text_rule_broken(
    value: str, field: str, limit: int | None = None, multiline: bool | None = None
) -> tuple[str, dict[str, object]] | None:
    """The rule this value breaks, as a code and its values (text_too_long: length, limit;
    control_character: character "U+0007", position); None when it can be stored."""
    maximum = limit if limit is not None else limit_for(field)
    if len(value) > maximum:
        return "text_too_long", {"length": len(value), "limit": maximum}
    if multiline is None:
        multiline = field in LONG_FIELDS or maximum > LONG_LIMIT
    for position, character in enumerate(value, start=1):
        if _is_control(character, multiline):
            return "control_character", {"character": f"U+{ord(character):04X}", "position": position}
    return None


def row_problems(row: dict[str, str], where: str, labels: dict[str, str]) -> list[Problem]:
    """The problems of one imported row; `labels` gives each field's column header as the user wrote it."""
    problems = []
    for field, value in row.items():
        if reason := text_problem(value, field):
            problems.append(Problem(where, labels.get(field, field), reason))
    return problems


def _join(where: str, field: str) -> str:
    if not where:
        return field
    return f"{where}.{field}" if field else where


def _strings(value: Any, where: str, field: str) -> Iterator[tuple[str, str, str]]:
    """(where, field, text) for every string of a JSON value, field names included."""
    if isinstance(value, str):
        yield where, field, value
    elif isinstance(value, dict):
        inner = _join(where, field)
        for key, item in value.items():
            yield inner, "(a field name)", str(key)
            yield from _strings(item, inner, str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, where, f"{field}[{index}]")


def document_problems(document: Any, where: str = "", any_field: bool = False) -> list[Problem]:
    """Every string of a JSON document (a mission document), checked by its field name (a string in a list
    by the list's name): `participants[3]`, `first_name`, the reason. With `any_field` (a form or an API
    body, whose fields the services check one by one afterwards), only control characters other than tab
    and line breaks, and sizes over OTHER_LIMIT, are refused."""
    problems = []
    for place, field, value in _strings(document, where, ""):
        if field == "(a field name)":
            reason = text_problem(value, field, limit=200)
        elif any_field:
            reason = text_problem(value, field, limit=OTHER_LIMIT, multiline=True)
        else:
            reason = text_problem(value, field.split("[", 1)[0])
        if reason:
            problems.append(Problem(place or "body", field, reason))
    return problems
