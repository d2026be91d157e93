"""Content in several languages in mission documents and API bodies: each of these fields is either a plain
string (the text in the mission's default language, as documents always had it) or a map language -> text.
Export writes the plain string when only the default language is filled, so older documents round-trip
unchanged."""

from collections.abc import Iterator
from typing import Any

from missionmatch.localized import LocalizedText, clean_texts
from missionmatch.services.problems import Problem
from missionmatch.services.text_rules import text_problem

# the translatable fields of each part of a mission document
LOCALIZED_FIELDS: dict[str, tuple[str, ...]] = {
    "mission": ("name", "description"),
    "programme": ("title", "venue", "description"),
    "b2b_sessions": ("name", "venue"),
}
REQUIRED = frozenset({("mission", "name"), ("programme", "title"), ("b2b_sessions", "name")})


def document_text(text: LocalizedText) -> str | dict[str, str]:
    """A field's value for a document: the plain string when only the default language has a text."""
    texts = dict(text.texts)
    if not texts:
        return ""
    if list(texts) == [text.default_language or "en"]:
        return next(iter(texts.values()))
    return texts


def text_value_problems(value: object, where: str, field: str) -> list[Problem]:
    """Why a plain string or a map language -> text cannot be stored in `field`; [] when it can."""
    try:
        texts = clean_texts(value, None, field)
    except ValueError as error:
        return [Problem(where, field, str(error).removeprefix(f"{field}: "))]
    problems = []
    for code, text in texts.items():
        if reason := text_problem(text, field):
            problems.append(Problem(where, f"{field}.{code}", reason))
    return problems


def _parts(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], tuple[str, ...]]]:
    mission = document.get("mission")
    if isinstance(mission, dict):
        yield "mission", mission, LOCALIZED_FIELDS["mission"]
    for part in ("programme", "b2b_sessions"):
        for index, entry in enumerate(document.get(part) or []):
            if isinstance(entry, dict):
                yield f"{part}[{index}]", entry, LOCALIZED_FIELDS[part]


def localized_problems(document: dict[str, Any]) -> list[Problem]:
    """Every translatable field of a mission document that is neither a text nor a map language -> text."""
    problems = []
    for where, entry, fields in _parts(document):
        for field in fields:
            value = entry.get(field)
            required = (where.split("[")[0], field) in REQUIRED
            if (
                required
                and isinstance(value, dict)
                and not any(isinstance(t, str) and t.strip() for t in value.values())
            ):
                problems.append(Problem(where, field, "is required: a text in at least one language"))
            if value is not None:
                problems.extend(text_value_problems(value, where, field))
    return problems


def plain_text(value: object, default_language: str | None) -> str:
    """The text in the default language (then English, then any) of a plain string or a map."""
    try:
        return str.__str__(LocalizedText(clean_texts(value, default_language), default_language))
    except ValueError:
        return ""
