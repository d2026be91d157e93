"""Why a row of a participant sheet is refused, as a code and the values of its message: the command line
shows the English text below, the web layer (`web/import_text.py`) translates the code."""

from collections.abc import Callable

from missionmatch.services import participant_limits
from missionmatch.services.problems import Problem
from missionmatch.services.setup_fields import FieldError

Complain = Callable[[str, FieldError], None]  # (field, why)

_ENGLISH = {
    "text_too_long": "is {length:,} characters long; at most {limit:,} are allowed",
    "control_character": "contains a control character ({character}) at position {position}",
    "email_format": "{value!r} is not an e-mail address",
    "unknown_side": "unknown side {value!r} (delegation or host)",
    "unknown_language": "unknown language {value!r}",
    "unknown_sector": "unknown sector {value!r}",
    "name_without_space": "{value!r} has no space between the given and the family name",
    "appears_twice": "{value} appears twice (also row {row})",
    "empty": "is empty",
    "already_registered": "{value} is already registered in this mission",
    "key_of_another": "{value} is the key of another participant",
    "other_side": "{organisation} is already on the {side} side",
    "empty_side_new_organisation": "is empty and {organisation!r} is a new organisation",
    "organisation_claimed": "{organisation} has {value!r} on row {row}",
}


def english(error: FieldError) -> str:
    """The reason in English; the meeting limits' codes are `participant_limits`'."""
    if error.code in _ENGLISH:
        return _ENGLISH[error.code].format(**error.values)
    return participant_limits.describe(error)


def row_problem(number: int, column: str, error: FieldError) -> Problem:
    return Problem(f"row {number}", column, english(error), error.code, dict(error.values))
