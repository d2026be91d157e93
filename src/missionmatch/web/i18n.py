"""Translations and locale-aware formatting. Catalogs are .po files compiled in memory on first use (the
repository ignores *.mo), so that a fresh checkout needs no build step."""

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "fr", "ja")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ja": "日本語"}
COOKIE = "mm_lang"
TRANSLATIONS_DIR = Path(__file__).parent / "translations"


@cache
def catalog(language: str) -> gettext.NullTranslations:
    po_path = TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        messages = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


@dataclass(frozen=True)
class Translator:
    """Everything a page needs to speak the viewer's language."""

    language: str

    def gettext(self, msgid: str, /, **values: object) -> str:
        text = catalog(self.language).gettext(msgid)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        text = catalog(self.language).ngettext(singular, plural, n)
        return text % {"n": n, **values}

    def wall_time(self, value: dt.datetime | None, timezone: str, fmt: str = "medium") -> str:
        """A mission wall-clock time (stored naive, in the mission's zone) in the viewer's locale."""
        if value is None:
            return ""
        return format_datetime(value.replace(tzinfo=ZoneInfo(timezone)), fmt, locale=self.language)

    def utc_time(self, value: dt.datetime | None, timezone: str) -> str:
        """A naive UTC time stamp (logins, mails) shown in the mission's zone."""
        if value is None:
            return ""
        moment = value.replace(tzinfo=dt.UTC)
        return format_datetime(moment, "medium", tzinfo=ZoneInfo(timezone), locale=self.language)

    def time(self, value: dt.datetime, timezone: str) -> str:
        return format_time(value.replace(tzinfo=ZoneInfo(timezone)), "short", locale=self.language)

    def date(self, value: dt.date) -> str:
        return format_date(value, "long", locale=self.language)

    def language_name(self, code: str) -> str:
        try:
            return Locale.parse(code).get_display_name(self.language) or code
        except (ValueError, LookupError):
            return code
