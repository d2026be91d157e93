"""B2B sessions: create, edit, delete, never leaving a scheduled meeting outside its session.

Meetings point at a session, a slot and a table by number (`models/meeting.py`), so a session may not lose the
slots or tables that scheduled meetings (draft, published, held, no-show) use, nor be deleted under them; nor
may it lose a table a participant keeps (`Participant.hosted_table`)."""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from missionmatch.localized import content_languages
from missionmatch.models import B2BSession, Meeting, Mission
from missionmatch.models.meeting import OCCUPYING
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.setup_fields import (
    FieldError,
    FieldReader,
    SetupRejected,
    mission_window,
    refuse,
)

LIMITS = {"slot_minutes": (5, 240), "slot_count": (1, 100), "tables": (1, 1000)}
SEATS = (2, 50)  # chairs at a table: a pair at least
MAX_PAUSE = 600
_PAUSE = re.compile(r"^(\d+)\s*:\s*(\d+)$")


@dataclass
class SessionFields:
    name: dict[str, str]  # language -> text
    city: str
    venue: dict[str, str]
    starts_at: dt.datetime
    slot_minutes: int
    slot_count: int
    tables: int
    breaks: list[dict[str, int]]
    seats: int = 4


def format_breaks(breaks: list[dict[str, int]]) -> str:
    """[{"after_slot": 6, "minutes": 20}] -> "6:20", as the form shows and reads them."""
    return ", ".join(
        f"{b['after_slot']}:{b['minutes']}" for b in sorted(breaks, key=lambda b: b["after_slot"])
    )


def parse_breaks(text: str, slot_count: int | None, read: FieldReader) -> list[dict[str, int]]:
    """ "6:20, 12:60": a 20-minute pause after slot 6 and an hour after slot 12 (slots counted from 1)."""
    breaks: dict[int, int] = {}
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        match = _PAUSE.match(part)
        if match is None:
            read.fail("breaks", "breaks_format")
            return []
        after, minutes = int(match.group(1)), int(match.group(2))
        if slot_count is not None and not 1 <= after < slot_count:
            read.fail("breaks", "break_slot", last=slot_count - 1)
        elif after in breaks:
            read.fail("breaks", "break_twice", slot=after)
        elif not 1 <= minutes <= MAX_PAUSE:
            read.fail("breaks", "break_minutes", high=MAX_PAUSE)
        breaks[after] = minutes
    return [{"after_slot": after, "minutes": minutes} for after, minutes in sorted(breaks.items())]


def read_session(mission: Mission, form: Mapping[str, str]) -> SessionFields:
    """The session described by a submitted form; raises SetupRejected naming every wrong field."""
    read = FieldReader(form)
    languages = content_languages(mission.default_language, mission.languages)
    numbers = {name: read.number(name, low, high) for name, (low, high) in LIMITS.items()}
    fields = SessionFields(
        name=read.localized("name", 200, languages, required=True),
        city=read.text("city", 100),
        venue=read.localized("venue", 200, languages),
        starts_at=read.moment("starts_at") or dt.datetime.min,
        slot_minutes=numbers["slot_minutes"] or 0,
        slot_count=numbers["slot_count"] or 0,
        tables=numbers["tables"] or 0,
        breaks=parse_breaks(form.get("breaks", ""), numbers["slot_count"], read),
        seats=(read.number("seats", *SEATS) or 0) if "seats" in form else 4,  # older forms: the default
    )
    if not read.errors:
        first, last = mission_window(mission)
        probe = B2BSession(**vars(fields))  # not added to the database: only its slot times are wanted
        if not (first <= fields.starts_at and probe.ends_at <= last):
            read.fail("starts_at", "session_outside_mission", first=mission.start_date, last=mission.end_date)
    read.done()
    return fields


def scheduled_meetings(session: Session, b2b: B2BSession) -> list[Meeting]:
    query = select(Meeting).where(Meeting.session_id == b2b.id, Meeting.status.in_(OCCUPYING))
    return list(session.scalars(query.order_by(Meeting.id)))


def stranded(session: Session, b2b: B2BSession, slot_count: int, tables: int) -> dict[str, list[str]]:
    """Keys of the scheduled meetings that fewer slots or tables would leave outside the session."""
    query = select(Meeting).where(
        Meeting.session_id == b2b.id,
        Meeting.status.in_(OCCUPYING),
        or_(Meeting.slot >= slot_count, Meeting.table >= tables),
    )
    found: dict[str, list[str]] = {}
    for meeting in session.scalars(query.order_by(Meeting.id)):
        if meeting.slot is not None and meeting.slot >= slot_count:
            found.setdefault("slot_count", []).append(meeting.key)
        if meeting.table is not None and meeting.table >= tables:
            found.setdefault("tables", []).append(meeting.key)
    return found


def hosted_beyond(b2b: B2BSession, tables: int) -> FieldError | None:
    """Who keeps a hosted table (numbered from 1) that `tables` tables would no longer have, if anyone."""
    keepers = sorted(
        (p for p in b2b.mission.participants if p.hosted_table is not None and p.hosted_table > tables),
        key=lambda p: (p.hosted_table, p.id),
    )
    if not keepers:
        return None
    names = ", ".join(p.full_name for p in keepers)
    kept = ", ".join(str(number) for number in dict.fromkeys(p.hosted_table for p in keepers))
    return FieldError("tables_hosted", {"count": tables, "names": names, "tables": kept})


def create_session(session: Session, mission: Mission, fields: SessionFields) -> B2BSession:
    b2b = B2BSession(mission=mission, **vars(fields))
    session.add(b2b)
    session.flush()
    return b2b


def update_session(session: Session, b2b: B2BSession, fields: SessionFields) -> None:
    """Refuses to drop slots or tables that scheduled meetings use, or a table a participant keeps; times may
    move (replan and publish)."""
    lock_schedule(session, b2b.mission_id)
    lost = stranded(session, b2b, fields.slot_count, fields.tables)
    errors = {
        name: FieldError(f"{name}_in_use", {"count": getattr(fields, name), "keys": ", ".join(keys)})
        for name, keys in lost.items()
    }
    crowded = [m.key for m in scheduled_meetings(session, b2b) if len(m.participants) > fields.seats]
    if crowded:
        errors["seats"] = FieldError("seats_in_use", {"count": fields.seats, "keys": ", ".join(crowded)})
    hosted = hosted_beyond(b2b, fields.tables)
    if hosted is not None and "tables" not in errors:
        errors["tables"] = hosted
    if errors:
        raise SetupRejected(errors)
    for name, value in vars(fields).items():
        setattr(b2b, name, value)
    session.flush()


def set_seats(session: Session, b2b: B2BSession, seats: int) -> None:
    """The chairs at each of the session's tables (the API's seats setting): SetupRejected naming `seats`
    when out of range, or when a scheduled meeting of more attendees would no longer fit at its table."""
    lock_schedule(session, b2b.mission_id)
    low, high = SEATS
    if not low <= seats <= high:
        raise refuse("seats", "number", low=low, high=high)
    crowded = [m.key for m in scheduled_meetings(session, b2b) if len(m.participants) > seats]
    if crowded:
        raise refuse("seats", "seats_in_use", count=seats, keys=", ".join(crowded))
    b2b.seats = seats
    session.flush()


def delete_session(session: Session, b2b: B2BSession) -> None:
    """Only a session without scheduled meetings; cancelled ones lose their (meaningless) place."""
    lock_schedule(session, b2b.mission_id)
    used = scheduled_meetings(session, b2b)
    if used:
        raise refuse("session", "session_in_use", keys=", ".join(m.key for m in used))
    for meeting in session.scalars(select(Meeting).where(Meeting.session_id == b2b.id)):
        meeting.session_id = meeting.slot = meeting.table = None
    session.delete(b2b)
    session.flush()
