"""A participant's agenda: the programme items they registered for and their published B2B meetings, in time
order; accepted meetings without a published place yet are listed apart (a draft schedule may still move)."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from missionmatch.localized import join_texts
from missionmatch.models import Meeting, Participant
from missionmatch.models.enums import MeetingStatus
from missionmatch.models.meeting import meeting_attendee


@dataclass
class AgendaEntry:
    kind: str  # "programme" or "meeting"
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    title: str  # the item's title, or the people met: "Name (Organisation), ..."
    place: str
    table: int | None = None  # the table number as people read it (1-based)
    interpreter: str = ""  # language pair, e.g. "fr-ja"
    meeting_id: int | None = None
    others: list[Participant] = field(default_factory=list)
    key: str = ""  # the programme item's or the meeting's key (stable across versions)


@dataclass
class Agenda:
    entries: list[AgendaEntry]
    unscheduled: list[AgendaEntry]


def participant_agenda(session: Session, me: Participant) -> Agenda:
    entries = [
        AgendaEntry(
            "programme",
            item.starts_at,
            item.ends_at,
            item.title,
            join_texts(", ", [item.venue, item.city]),
            key=item.key,
        )
        for item in me.programme_items
    ]
    unscheduled = []
    mine = select(Meeting).join(meeting_attendee).where(meeting_attendee.c.participant_id == me.id)
    # the people met and the session, in two statements rather than a few per meeting
    mine = mine.options(
        selectinload(Meeting.participants).joinedload(Participant.organisation), joinedload(Meeting.session)
    )
    for meeting in session.scalars(mine.order_by(Meeting.id)):
        if meeting.status == MeetingStatus.CANCELLED:
            continue
        others = [p for p in meeting.participants if p.id != me.id]
        title = ", ".join(f"{p.full_name} ({p.organisation.name})" for p in others)
        # only published placements are shown: a draft schedule may still move
        if meeting.session is not None and meeting.slot is not None and meeting.status != MeetingStatus.DRAFT:
            start, end = meeting.session.slot_times()[meeting.slot]
            table = None if meeting.table is None else meeting.table + 1
            entries.append(
                AgendaEntry(
                    "meeting",
                    start,
                    end,
                    title,
                    meeting.session.venue,
                    table,
                    meeting.interpreter or "",
                    meeting.id,
                    others,
                    meeting.key,
                )
            )
        else:
            unscheduled.append(AgendaEntry("meeting", None, None, title, "", others=others, key=meeting.key))
    entries.sort(key=lambda e: e.starts_at or dt.datetime.max)
    return Agenda(entries, unscheduled)
