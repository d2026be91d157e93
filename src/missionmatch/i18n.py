"""Translations and locale-aware formatting, for pages and for the mails services send. Catalogs are .po
files (kept beside the web templates that use most of them), updated from the sources by `make messages` and
compiled by `make` (the repository ignores *.mo); a checkout without a build compiles them in memory."""

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, get_timezone_location
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from missionmatch.clock import WallTime, is_aware, wall_with_offset
from missionmatch.localized import localize

LANGUAGES = ("en", "fr", "ja")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ja": "日本語"}
TRANSLATIONS_DIR = Path(__file__).parent / "web" / "translations"


def mark(message: str) -> str:
    """Marks a message for the catalogs where it is defined (imported as `_`, so that `make messages`
    extracts it); it is translated where it is shown."""
    return message


@cache
def catalog(language: str) -> gettext.NullTranslations:
    return load_catalog(TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po")


def load_catalog(po_path: Path) -> gettext.NullTranslations:
    """The `.mo` that `make` compiled beside the `.po` when it is at least as new; else the `.po` compiled in
    memory (a checkout without `make`, or a catalog edited since)."""
    if not po_path.exists():
        return gettext.NullTranslations()
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with mo_path.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    with po_path.open("rb") as po_file:
        messages = read_po(po_file, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def minute_pattern(language: str) -> str:
    """The locale's "medium" date and time to the minute: its medium date and short time joined by its own
    medium date-time pattern ("MMM d, y, h:mm a", "d MMM y, HH:mm", "y/MM/dd H:mm"). Babel's "medium"
    datetime shows seconds, which meetings and programme items never have."""
    locale = Locale.parse(language)
    date_pattern = locale.date_formats["medium"].pattern
    time_pattern = locale.time_formats["short"].pattern
    return locale.datetime_formats["medium"].format(time_pattern, date_pattern)


@cache
def _zone_location(zone: str, language: str) -> str:
    # the same few (zone, language) pairs on every page; Babel parses its locale data each call
    return get_timezone_location(ZoneInfo(zone), locale=language)


@dataclass(frozen=True)
class Translator:
    """Everything a page needs to speak the viewer's language, with times in the zone they chose (`zone`)
    or, by default, in the mission's zone."""

    language: str
    zone: str | None = None

    def gettext(self, msgid: str, /, **values: object) -> str:
        text = catalog(self.language).gettext(msgid)
        return text % self._localized(values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        text = catalog(self.language).ngettext(singular, plural, n)
        return text % {"n": n, **self._localized(values)}

    def _localized(self, values: dict[str, object]) -> dict[str, object]:
        # content written in several languages (a mission's name, a session's) in the reader's language
        return {name: localize(value, self.language) for name, value in values.items()}

    def shown_zone(self, timezone: str) -> str:
        """The zone times are shown in: the viewer's choice, else the mission's `timezone`."""
        return self.zone or timezone

    def zone_label(self, timezone: str) -> str:
        """The shown zone in words of the viewer's locale ("Japan Time", "heure : Japon", "日本時間")."""
        zone = self.shown_zone(timezone)
        if zone == "UTC" or zone.startswith("Etc/"):
            return zone
        return _zone_location(zone, self.language)

    def _format(self, moment: dt.datetime, fmt: str, timezone: str) -> str:
        shown = ZoneInfo(self.shown_zone(timezone))
        pattern = minute_pattern(self.language) if fmt == "medium" else fmt
        text = format_datetime(moment, pattern, tzinfo=shown, locale=self.language)
        return f"{text} ({self.zone_label(timezone)})"

    def wall_time(self, value: WallTime | None, timezone: str, fmt: str = "medium") -> str:
        """A mission wall time (naive, read on the clocks of the mission's zone `timezone`) in the viewer's
        locale and zone, followed by the zone's name."""
        if value is None:
            return ""
        return self._format(wall_with_offset(value, timezone), fmt, timezone)

    def instant(self, value: dt.datetime | None, timezone: str) -> str:
        """An instant (aware: published, sent, expires...) in the viewer's zone (default: the mission's
        `timezone`), followed by the zone's name."""
        if value is None:
            return ""
        if not is_aware(value):
            raise ValueError(f"{value.isoformat()} has no offset; an instant needs one")
        return self._format(value, "medium", timezone)

    def time(self, value: WallTime, timezone: str) -> str:
        """A mission wall-clock time of day in the viewer's zone, short and without the zone's name (for the
        end of a range or a column of a table: pages show `zone_label` once nearby)."""
        moment = wall_with_offset(value, timezone)
        return format_time(moment, "short", tzinfo=ZoneInfo(self.shown_zone(timezone)), locale=self.language)

    def date(self, value: dt.date) -> str:
        return format_date(value, "long", locale=self.language)

    def language_name(self, code: str) -> str:
        try:
            return Locale.parse(code).get_display_name(self.language) or code
        except (ValueError, LookupError):
            return code
