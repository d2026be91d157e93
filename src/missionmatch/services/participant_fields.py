"""The rules a participant's fields follow however they come in (a sheet, the organiser's form): what an
e-mail address looks like, the words for a side and for a language in English, French and Japanese, and how a
list is written in a cell. Problems are stable codes (`FieldError`), put into words by `describe` for the
imports and translated by the web layer."""

import re

from missionmatch.models.enums import Side
from missionmatch.services.setup_fields import FieldError
from missionmatch.services.text_rules import limit_for, text_problem

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SPLIT = re.compile(r"\s*[,;/、，|]\s*")
SIDE_WORDS = {
    "delegation": Side.DELEGATION,
    "délégation": Side.DELEGATION,
    "visitor": Side.DELEGATION,
    "visiteur": Side.DELEGATION,
    "訪問団": Side.DELEGATION,
    "派遣団": Side.DELEGATION,
    "代表団": Side.DELEGATION,
    "host": Side.HOST,
    "hôte": Side.HOST,
    "hote": Side.HOST,
    "accueil": Side.HOST,
    "ホスト": Side.HOST,
    "受入": Side.HOST,
    "受け入れ": Side.HOST,
    "受入企業": Side.HOST,
    "受入側": Side.HOST,
}
LANGUAGE_WORDS = {
    "en": "en",
    "english": "en",
    "anglais": "en",
    "英語": "en",
    "englisch": "en",
    "fr": "fr",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "フランス語": "fr",
    "französisch": "fr",
    "ja": "ja",
    "jp": "ja",
    "japanese": "ja",
    "japonais": "ja",
    "日本語": "ja",
    "japanisch": "ja",
    "de": "de",
    "german": "de",
    "allemand": "de",
    "deutsch": "de",
    "ドイツ語": "de",
    "lb": "lb",
    "luxembourgish": "lb",
    "luxembourgeois": "lb",
    "lëtzebuergesch": "lb",
    "ルクセンブルク語": "lb",
    "nl": "nl",
    "dutch": "nl",
    "néerlandais": "nl",
    "it": "it",
    "italian": "it",
    "italien": "it",
    "es": "es",
    "spanish": "es",
    "espagnol": "es",
    "zh": "zh",
    "chinese": "zh",
    "chinois": "zh",
    "中国語": "zh",
}


def split_list(value: str) -> list[str]:
    return [part for part in _SPLIT.split(value.strip()) if part]


def guess_language(text: str) -> str:
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return "ja"
    if re.search(r"\b(wir|und|für|die|der)\b", text, re.IGNORECASE):
        return "de"
    if re.search(r"\b(nous|les|des|pour|une)\b|[éèàç]", text, re.IGNORECASE):
        return "fr"
    return "en"


_ENGLISH = {
    "email_format": "{value!r} is not an e-mail address",
    "email_taken": "{value} is already registered in this mission",
}


def email_error(email: str, registered: set[str]) -> FieldError | None:
    """What is wrong with an e-mail address (already lower-cased) among the mission's registered ones."""
    if not EMAIL.match(email):
        return FieldError("email_format", {"value": email})
    if email in registered:
        return FieldError("email_taken", {"value": email})
    return None


def text_error(value: str, field: str) -> FieldError | None:
    """The text rules of `text_rules` as a code: too long for the field, or a control character."""
    if text_problem(value, field) is None:
        return None
    if len(value) > limit_for(field):
        return FieldError("too_long", {"limit": limit_for(field)})
    return FieldError("control_character")


def describe(error: FieldError) -> str:
    """The English text of a problem, for the sheet import."""
    return _ENGLISH[error.code].format(**error.values)
