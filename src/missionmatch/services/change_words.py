"""Schedule changes in words, for organisers and participants alike: "Akiko Tanaka (JAXA) – Marc Weber
(LSA): moved from 10:00, table 3 to 14:40, table 7". The changes are changelog entries (a version's, see
`schedule_publish.changelog`, or a replanning's): who meets, and where and when before and after. Times are
the mission's wall time in the reader's zone and language; the day is shown unless a move stays on it."""

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from missionmatch.clock import wall_with_offset
from missionmatch.i18n import Translator, minute_pattern
from missionmatch.i18n import mark as _
from missionmatch.models import Mission

MOVED = _("%(people)s: moved from %(before)s to %(after)s")
ADDED = _("%(people)s: new, %(after)s")
CANCELLED = _("%(people)s: cancelled, %(before)s")
AT_TABLE = _("%(when)s, table %(table)s")


def people_labels(mission: Mission) -> dict[str, str]:
    """Participant key -> "Name (Organisation)", for every participant of the mission."""
    return {p.key: f"{p.full_name} ({p.organisation.name})" for p in mission.participants}


def _starts(entry: dict[str, Any]) -> dt.datetime | None:
    return dt.datetime.fromisoformat(entry["starts_at"]) if entry.get("starts_at") else None


def _place(t: Translator, entry: dict[str, Any], zone: str, with_day: bool) -> str:
    starts = _starts(entry)
    if starts is None:
        when = "?"
    elif with_day:
        shown = ZoneInfo(t.shown_zone(zone))
        moment = wall_with_offset(starts, zone)
        when = format_datetime(moment, minute_pattern(t.language), tzinfo=shown, locale=t.language)
    else:
        when = t.time(starts, zone)
    if entry.get("table") is None:
        return when
    return t.gettext(AT_TABLE, when=when, table=entry["table"] + 1)


def _same_day(t: Translator, before: dict[str, Any], after: dict[str, Any], zone: str) -> bool:
    old, new = _starts(before), _starts(after)
    if old is None or new is None:
        return False
    shown = ZoneInfo(t.shown_zone(zone))
    return wall_with_offset(old, zone).astimezone(shown).date() == (
        wall_with_offset(new, zone).astimezone(shown).date()
    )


def change_line(t: Translator, change: dict[str, Any], labels: Mapping[str, str], zone: str) -> str:
    """One changelog entry in words; `zone` is the mission's."""
    before, after = change.get("before"), change.get("after")
    entry = after or before
    assert entry is not None
    people = " – ".join(labels.get(key, key) for key in entry["participants"])
    if change["change"] == "moved" and before and after:
        day = not _same_day(t, before, after, zone)
        return t.gettext(
            MOVED, people=people, before=_place(t, before, zone, day), after=_place(t, after, zone, day)
        )
    if change["change"] == "added" and after:
        return t.gettext(ADDED, people=people, after=_place(t, after, zone, True))
    return t.gettext(CANCELLED, people=people, before=_place(t, entry, zone, True))


def change_lines(t: Translator, mission: Mission, changes: list[dict[str, Any]] | None) -> list[str]:
    """Every change of `changes` in words, in their order."""
    labels = people_labels(mission)
    return [change_line(t, change, labels, mission.timezone) for change in changes or []]
