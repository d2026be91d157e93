"""Response bodies of the schedule resource. `slot` is 0-based (the index in the session's slots);
`table_number` is the number printed on the table (1-based)."""

import datetime as dt
from typing import Any

from pydantic import BaseModel

from missionmatch.clock import wall_with_offset
from missionmatch.models import B2BSession, Meeting
from missionmatch.web.routes.api.schemas import Instant, MissionTime


class MeetingOut(BaseModel):
    id: int
    key: str
    status: str  # draft, published, held, no_show (cancelled meetings free their place and are not listed)
    session: str  # the session's key
    slot: int
    starts_at: MissionTime
    ends_at: MissionTime
    table_number: int | None
    interpreter: str | None  # language pair, e.g. "fr-ja"
    participant_ids: list[int]
    request_id: int | None


class VersionOut(BaseModel):
    number: int
    published_at: Instant
    published_by: str
    comment: str


class ScheduleOut(BaseModel):
    version: VersionOut | None  # the latest publication, None before the first
    counts: dict[str, int]  # meetings per status, cancelled included
    meetings: list[MeetingOut]


class MatchingOut(BaseModel):
    profiles: int
    recommendations: int
    suggested_meetings: int
    skipped_empty: int
    embedder: str


class SessionRunOut(BaseModel):
    session: str
    status: str
    placed: int
    breaks: int | None
    seconds: float
    interpreters_used: dict[str, int]


class SchedulingOut(BaseModel):
    wanted: int
    placed: int
    weight_wanted: int
    weight_placed: int
    sessions: list[SessionRunOut]
    unplaced: dict[str, str]  # candidate key -> why it was not placed, in words
    notes: list[str] = []  # e.g. minimum meetings that had to be dropped


class PublicationOut(BaseModel):
    number: int
    published_at: Instant
    comment: str
    # {"meeting", "change": added|moved|cancelled, "before", "after"}; their starts_at as MissionTime
    changes: list[dict[str, Any]]
    notified: list[int]  # participants mailed their changes
    mail_job: str | None = None  # the job delivering their notices: GET it for its progress (done of total)


class MoveOut(BaseModel):
    meeting: str
    from_slot: int
    to_slot: int
    from_session: str | None = None  # set when the meeting changed B2B session (session keys)
    to_session: str | None = None


class ReplanOut(BaseModel):
    kept: int
    moved: list[MoveOut]
    dropped: list[str]  # published meetings that can no longer be held
    added: list[str]
    # the same as changelog entries (as PublicationOut's changes), and each in words (Accept-Language)
    changes: list[dict[str, Any]] = []
    in_words: list[str] = []


def meeting_out(meeting: Meeting, session: B2BSession, slot: dict) -> MeetingOut:
    return MeetingOut(
        id=meeting.id,
        key=meeting.key,
        status=meeting.status.value,
        session=session.key,
        slot=slot["index"],
        starts_at=wall_with_offset(slot["starts_at"], session.mission.timezone),
        ends_at=wall_with_offset(slot["ends_at"], session.mission.timezone),
        table_number=None if meeting.table is None else meeting.table + 1,
        interpreter=meeting.interpreter,
        participant_ids=[p.id for p in meeting.participants],
        request_id=meeting.request_id,
    )


def changes_out(changes: list[dict[str, Any]], zone: str) -> list[dict[str, Any]]:
    """A version's changelog, its slot starts (stored as wall-clock text) sent with the mission's offset."""

    def place(entry: dict[str, Any] | None) -> dict[str, Any] | None:
        if entry is None or not entry.get("starts_at"):
            return entry
        starts = wall_with_offset(dt.datetime.fromisoformat(entry["starts_at"]), zone)
        return {**entry, "starts_at": starts.isoformat()}

    return [
        {**change, "before": place(change.get("before")), "after": place(change.get("after"))}
        for change in changes
    ]
