"""A participant's agenda as a document to carry: the one structure the PDF and the iCalendar exports render.
It is read from `agenda.participant_agenda` (what the agenda page shows) and completed with what a document
needs: names in the order their owners use, job titles, the B2B session, cancelled meetings that had been
published (a calendar must hear that they are off) and each meeting's revision number."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.clock import WallTime
from missionmatch.localized import localize
from missionmatch.models import Meeting, Mission, Participant
from missionmatch.models.enums import MeetingStatus
from missionmatch.models.meeting import meeting_attendee
from missionmatch.services.agenda import participant_agenda
from missionmatch.services.meeting_history import MeetingHistory, meeting_history
from missionmatch.services.notifications import participant_translator
from missionmatch.services.person_names import display_name


@dataclass(frozen=True)
class Person:
    key: str
    name: str  # in the order its owner uses (services/person_names.py)
    organisation: str
    job_title: str


@dataclass(frozen=True)
class ProgrammeEntry:
    key: str
    title: str
    starts_at: WallTime
    ends_at: WallTime
    place: str  # "venue, city"


@dataclass(frozen=True)
class MeetingEntry:
    key: str
    starts_at: WallTime
    ends_at: WallTime
    session_name: str
    venue: str
    table: int | None  # as printed on the table (1-based)
    interpreter: str  # language pair ("fr-ja"), or ""
    counterparts: tuple[Person, ...]
    cancelled: bool
    sequence: int  # revisions since first published (iCalendar SEQUENCE)


@dataclass(frozen=True)
class AgendaDocument:
    language: str
    mission_name: str
    mission_slug: str
    mission_zone: str
    own_zone: str | None  # the participant's zone, only when it differs from the mission's
    participant: Person
    programme: tuple[ProgrammeEntry, ...]
    meetings: tuple[MeetingEntry, ...]  # cancelled ones included, in time order
    unscheduled: tuple[tuple[Person, ...], ...]  # accepted meetings without a published place yet
    stamp: dt.datetime  # instant: the latest schedule version's publication, else the time of reading

    def timeline(self) -> list[ProgrammeEntry | MeetingEntry]:
        """What the participant attends (cancelled meetings left out), in time order."""
        active = [m for m in self.meetings if not m.cancelled]
        return sorted([*self.programme, *active], key=lambda entry: (entry.starts_at, entry.key))

    def days(self) -> list[tuple[dt.date, list[ProgrammeEntry | MeetingEntry]]]:
        grouped: dict[dt.date, list[ProgrammeEntry | MeetingEntry]] = {}
        for entry in self.timeline():
            grouped.setdefault(entry.starts_at.date(), []).append(entry)
        return list(grouped.items())


def person(participant: Participant) -> Person:
    return Person(
        participant.key, display_name(participant), participant.organisation.name, participant.job_title
    )


def _meeting_entry(meeting: Meeting, me: Participant, history: MeetingHistory, language: str) -> MeetingEntry:
    assert meeting.session is not None and meeting.slot is not None
    start, end = meeting.session.slot_times()[meeting.slot]
    return MeetingEntry(
        key=meeting.key,
        starts_at=start,
        ends_at=end,
        session_name=meeting.session.name.localize(language),
        venue=meeting.session.venue.localize(language),
        table=None if meeting.table is None else meeting.table + 1,
        interpreter=meeting.interpreter or "",
        counterparts=tuple(person(p) for p in meeting.participants if p.id != me.id),
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        sequence=history.sequence(meeting),
    )


def _cancelled_after_publication(session: Session, me: Participant, history: MeetingHistory) -> list[Meeting]:
    mine = select(Meeting).join(meeting_attendee).where(meeting_attendee.c.participant_id == me.id)
    cancelled = session.scalars(mine.where(Meeting.status == MeetingStatus.CANCELLED).order_by(Meeting.id))
    return [m for m in cancelled if m.placed and m.session is not None and history.was_published(m.key)]


def agenda_document(
    session: Session,
    me: Participant,
    *,
    language: str | None = None,
    history: MeetingHistory | None = None,
) -> AgendaDocument:
    """`language` defaults to the participant's own (the first interface language they speak); `history`
    can be read once for a whole mission (`mission_agenda_documents`)."""
    mission = me.mission
    language = language or participant_translator(me).language  # content in several languages: in this one
    history = history if history is not None else meeting_history(session, mission)
    agenda = participant_agenda(session, me)
    programme = [
        ProgrammeEntry(
            e.key, str(localize(e.title, language)), e.starts_at, e.ends_at, str(localize(e.place, language))
        )
        for e in agenda.entries
        if e.kind == "programme" and e.starts_at is not None and e.ends_at is not None
    ]
    placed = [session.get(Meeting, e.meeting_id) for e in agenda.entries if e.meeting_id is not None]
    meetings = [m for m in placed if m is not None]
    meetings += _cancelled_after_publication(session, me, history)
    entries = sorted(
        (_meeting_entry(m, me, history, language) for m in meetings), key=lambda e: (e.starts_at, e.key)
    )
    own_zone = me.timezone if me.timezone and me.timezone != mission.timezone else None
    return AgendaDocument(
        language=language,
        mission_name=mission.name.localize(language),
        mission_slug=mission.slug,
        mission_zone=mission.timezone,
        own_zone=own_zone,
        participant=person(me),
        programme=tuple(programme),
        meetings=tuple(entries),
        unscheduled=tuple(tuple(person(p) for p in e.others) for e in agenda.unscheduled),
        stamp=history.released_at or clock.now(),
    )


def mission_agenda_documents(session: Session, mission: Mission) -> list[AgendaDocument]:
    """Every participant's agenda (erased participants left out), each in its owner's language."""
    history = meeting_history(session, mission)
    return [agenda_document(session, p, history=history) for p in mission.participants if p.erased_at is None]
