"""A participant's agenda as iCalendar (RFC 5545), after pretalx's schedule/domain/ical.py: one function
builds the calendar, one adds an event; UIDs are built from stable keys so that a calendar app updates an
event when the schedule is republished instead of adding a second one; times carry the mission's zone
(TZID) and only the VTIMEZONE blocks in use are added. A cancelled meeting stays, as STATUS:CANCELLED with a
higher SEQUENCE, so that calendars which imported it remove it."""

import datetime as dt
from functools import cache

from icalendar import Calendar, Event, Timezone

from missionmatch.clock import WallTime, wall_with_offset
from missionmatch.i18n import Translator
from missionmatch.services.agenda_document import AgendaDocument, MeetingEntry, Person, ProgrammeEntry

PRODUCT = "-//missionmatch//agenda//EN"


def event_uid(kind: str, key: str, mission_slug: str) -> str:
    """`meeting-<key>@<mission>.missionmatch`: keys stay the same across schedule versions."""
    return f"{kind}-{key}@{mission_slug}.missionmatch"


def _who(person: Person) -> str:
    return f"{person.name} ({person.organisation})"


def _meeting_event(document: AgendaDocument, meeting: MeetingEntry, t: Translator) -> Event:
    people = ", ".join(_who(p) for p in meeting.counterparts)
    event = _timed_event(document, "meeting", meeting.key, meeting.starts_at, meeting.ends_at)
    event.add("summary", t.gettext("Meeting with %(people)s", people=people))
    place = [meeting.venue] if meeting.venue else []
    if meeting.table is not None:
        place.append(t.gettext("table %(number)s", number=meeting.table))
    event.add("location", ", ".join(place))
    lines = [meeting.session_name]
    for person in meeting.counterparts:
        lines.append(" – ".join(filter(None, [person.name, person.job_title, person.organisation])))
    if meeting.interpreter:
        lines.append(t.gettext("interpreter %(languages)s", languages=_pair(meeting.interpreter, t)))
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    return event


def _programme_event(document: AgendaDocument, item: ProgrammeEntry) -> Event:
    event = _timed_event(document, "programme", item.key, item.starts_at, item.ends_at)
    event.add("summary", item.title)
    event.add("location", item.place)
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    return event


def _timed_event(
    document: AgendaDocument, kind: str, key: str, starts_at: WallTime, ends_at: WallTime
) -> Event:
    event = Event()
    event.add("uid", event_uid(kind, key, document.mission_slug))
    event.add("dtstamp", document.stamp)
    # wall times with the mission's zone: serialised as TZID=<zone>, matched by a VTIMEZONE
    event.add("dtstart", wall_with_offset(starts_at, document.mission_zone))
    event.add("dtend", wall_with_offset(ends_at, document.mission_zone))
    return event


def _pair(pair: str, t: Translator) -> str:
    return "–".join(t.language_name(code) for code in pair.split("-"))


def _years(document: AgendaDocument) -> tuple[int, int]:
    starts = [item.starts_at for item in document.programme] + [m.starts_at for m in document.meetings]
    return (min(starts).year, max(starts).year) if starts else (document.stamp.year, document.stamp.year)


@cache
def _vtimezone(zone: str, first_year: int, last_year: int) -> Timezone:
    """The zone's VTIMEZONE over the years the agenda spans (the only one its events use: every time is in
    the mission's zone). Computing it takes most of a calendar's time, hence the cache; never mutated."""
    return Timezone.from_tzid(
        zone, first_date=dt.date(first_year - 1, 1, 1), last_date=dt.date(last_year + 1, 12, 31)
    )


def agenda_calendar(document: AgendaDocument) -> Calendar:
    t = Translator(document.language)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{document.mission_name} – {document.participant.name}")
    calendar.add("x-wr-timezone", document.mission_zone)
    calendar.add_component(_vtimezone(document.mission_zone, *_years(document)))
    for item in document.programme:
        calendar.add_component(_programme_event(document, item))
    for meeting in document.meetings:
        calendar.add_component(_meeting_event(document, meeting, t))
    return calendar


def agenda_ics(document: AgendaDocument) -> bytes:
    return agenda_calendar(document).to_ical()
