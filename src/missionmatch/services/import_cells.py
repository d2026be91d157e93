"""One row of a participant sheet read into values: each filled cell of a mapped column parsed and checked on
its own (an e-mail's form, a side, languages, sectors, whole numbers, the text rules). A blank cell gives no
value, so that a re-import leaves what it does not fill as it was. What depends on the mission (who is
registered, which side an organisation is on, who keeps a table) is checked by `import_plan`."""

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from missionmatch.sectors import find_sector
from missionmatch.services.import_reasons import Complain
from missionmatch.services.participant_fields import (
    LANGUAGE_WORDS,
    SIDE_WORDS,
    email_error,
    split_list,
)
from missionmatch.services.participant_limits import LIMIT_FIELDS, whole_number
from missionmatch.services.setup_fields import FieldError
from missionmatch.services.text_rules import text_rule_broken

Values = dict[str, Any]  # field -> parsed value: str, Side, list[str] or int

_FAMILY_FIRST = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # kana or kanji: the family name comes first


def split_full_name(text: str) -> tuple[str, str] | None:
    """(first name, last name) of a whole name; family name first when written in Japanese. None when the
    name is one word: which part is the family name cannot be told."""
    parts = unicodedata.normalize("NFKC", text).split(maxsplit=1)
    if len(parts) < 2:
        return None
    if _FAMILY_FIRST.search(text):
        return parts[1], parts[0]
    return parts[0], parts[1]


Find = Callable[[str], str | None]


def _codes(text: str, find: Find, unknown: str, field: str, bad: Complain) -> list[str]:
    codes: list[str] = []
    for label in split_list(text):
        code = find(label)
        if code is None:
            bad(field, FieldError(unknown, {"value": label}))
        elif code not in codes:
            codes.append(code)
    return codes


def read_cells(row: dict[str, str], bad: Complain) -> Values:
    """The values of a row's filled cells (field -> cell text, stripped); `bad` hears of every wrong cell."""
    values: Values = {}
    for field, text in row.items():
        if not text:
            continue
        if broken := text_rule_broken(text, field):
            bad(field, FieldError(*broken))
            continue
        if field == "email":
            wrong = email_error(text.lower(), set())
            if wrong is not None:
                bad(field, wrong)
            else:
                values[field] = text.lower()
        elif field == "side":
            side = SIDE_WORDS.get(text.casefold())
            if side is None:
                bad(field, FieldError("unknown_side", {"value": text}))
            else:
                values[field] = side
        elif field == "languages":
            values[field] = _codes(
                text, lambda label: LANGUAGE_WORDS.get(label.casefold()), "unknown_language", field, bad
            )
        elif field == "sectors":
            values[field] = _codes(text, find_sector, "unknown_sector", field, bad)
        elif field == "profile_language":
            if text.casefold() not in LANGUAGE_WORDS:
                bad(field, FieldError("unknown_language", {"value": text}))
            else:
                values[field] = LANGUAGE_WORDS[text.casefold()]
        elif field in LIMIT_FIELDS:
            try:
                values[field] = whole_number(text)
            except ValueError:
                bad(field, FieldError("whole_number", {"value": text}))
        elif field == "country":
            values[field] = text.upper()[:2]
        elif field == "full_name":
            _whole_name(text, row, values, bad)
        else:
            values[field] = text
    return values


def _whole_name(text: str, row: dict[str, str], values: Values, bad: Complain) -> None:
    if row.get("first_name") and row.get("last_name"):
        return  # the separate columns say it better
    parts = split_full_name(text)
    if parts is None:
        bad("full_name", FieldError("name_without_space", {"value": text}))
        return
    for field, part in zip(("first_name", "last_name"), parts, strict=True):
        if broken := text_rule_broken(part, field):
            bad("full_name", FieldError(*broken))
        else:
            values.setdefault(field, part)
