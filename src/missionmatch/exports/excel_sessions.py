"""One sheet per B2B session: a row per meeting with its date, times, table, both sides and status."""

import datetime as dt
from typing import Any

from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.services.person_names import FAMILY_NAME_FIRST

Item = dict[str, Any]

SESSION_HEADER = [
    _("Date"),
    _("Time"),
    _("Table"),
    _("Delegation participant"),
    _("Delegation company"),
    _("Host participant"),
    _("Host company"),
    _("Interpreter"),
    _("Status"),
    _("Key"),
]
MEETING_STATUSES = {
    "draft": _("Draft"),
    "published": _("Published"),
    "cancelled": _("Cancelled"),
    "held": _("Held"),
    "no_show": _("No-show"),
}


def slot_times(session: Item) -> list[tuple[dt.datetime, dt.datetime]]:
    """Start and end of every slot in mission wall time, breaks included (as `B2BSession.slot_times`)."""
    pauses = {entry["after_slot"]: entry["minutes"] for entry in session.get("breaks", [])}
    start = dt.datetime.fromisoformat(session["starts_at"])
    length = dt.timedelta(minutes=session["slot_minutes"])
    times = []
    for index in range(session["slot_count"]):
        times.append((start, start + length))
        start = start + length + dt.timedelta(minutes=pauses.get(index + 1, 0))
    return times


def person_name(person: Item) -> str:
    profile = person.get("profile") or {}
    if profile.get("language") in FAMILY_NAME_FIRST:
        return f"{person['last_name']} {person['first_name']}"
    return f"{person['first_name']} {person['last_name']}"


def time_range(start: dt.datetime, end: dt.datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


class MeetingRows:
    """Rows of the session sheets, with the document's people and organisations looked up once."""

    def __init__(self, document: Item, t: Translator) -> None:
        self.t = t
        self.people = {p["key"]: p for p in document.get("participants", [])}
        self.organisations = {o["key"]: o for o in document.get("organisations", [])}

    def _side(self, keys: list[str], side: str) -> tuple[str, str]:
        people = [
            self.people[k] for k in keys if self.organisations[self.people[k]["organisation"]]["side"] == side
        ]
        companies = dict.fromkeys(self.organisations[p["organisation"]]["name"] for p in people)
        return ", ".join(person_name(p) for p in people), ", ".join(companies)

    def rows(self, session: Item | None, meetings: list[Item]) -> list[list[Any]]:
        times = slot_times(session) if session else []
        placed = sorted(
            meetings, key=lambda m: (m["slot"] is None, m["slot"] or 0, m["table"] or 0, m["key"])
        )
        rows = []
        for meeting in placed:
            slot = meeting["slot"]
            start, end = times[slot] if slot is not None and slot < len(times) else (None, None)
            status = MEETING_STATUSES.get(meeting["status"])
            rows.append(
                [
                    start.date() if start else None,
                    time_range(start, end) if start and end else None,
                    meeting["table"],
                    *self._side(meeting["participants"], "delegation"),
                    *self._side(meeting["participants"], "host"),
                    meeting.get("interpreter"),
                    self.t.gettext(status) if status else meeting["status"],
                    meeting["key"],
                ]
            )
        return rows
