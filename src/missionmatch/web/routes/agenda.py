"""Participant page: my agenda, the programme items I registered for and my B2B meetings, in time order."""

import datetime as dt
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from missionmatch.models import Meeting
from missionmatch.models.enums import MeetingStatus
from missionmatch.models.meeting import meeting_attendee
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@dataclass
class Entry:
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    title: str
    place: str
    kind: str  # "programme" or "meeting"
    detail: str = ""  # the table number as people read it (1-based)
    interpreter: str = ""  # language pair, e.g. "fr-ja"
    meeting_id: int | None = None


@router.get("/me/agenda")
def agenda(request: Request, me: CurrentParticipant, db: DbSession) -> Response:
    entries = [
        Entry(
            item.starts_at,
            item.ends_at,
            item.title,
            ", ".join(filter(None, [item.venue, item.city])),
            "programme",
        )
        for item in me.programme_items
    ]
    mine = select(Meeting).join(meeting_attendee).where(meeting_attendee.c.participant_id == me.id)
    unscheduled = []
    for meeting in db.scalars(mine.order_by(Meeting.id)):
        if meeting.status == MeetingStatus.CANCELLED:
            continue
        others = ", ".join(
            f"{p.full_name} ({p.organisation.name})" for p in meeting.participants if p.id != me.id
        )
        # only published placements are shown: a draft schedule may still move
        if meeting.session is not None and meeting.slot is not None and meeting.status != MeetingStatus.DRAFT:
            start, end = meeting.session.slot_times()[meeting.slot]
            table = "" if meeting.table is None else str(meeting.table + 1)
            entries.append(
                Entry(
                    start,
                    end,
                    others,
                    meeting.session.venue,
                    "meeting",
                    table,
                    meeting.interpreter or "",
                    meeting.id,
                )
            )
        else:
            unscheduled.append(others)
    entries.sort(key=lambda e: e.starts_at or dt.datetime.max)
    return render(request, "agenda.html", me=me, mission=me.mission, entries=entries, unscheduled=unscheduled)
