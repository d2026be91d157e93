"""The papers an organiser prints for one B2B session: the table plan as a grid (slots × tables), the door
list of each table and the welcome desk's check-in list; and apart, the meetings that have no cell in the
grid (no table, or beyond a session shrunk after placing), so that none goes missing. The published schedule
by default (what participants were sent); the draft on request (what publishing would give: drafts and
settled meetings). Times are mission wall times."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from missionmatch.clock import WallTime
from missionmatch.models import B2BSession, Meeting, Mission, Participant
from missionmatch.models.meeting import OCCUPYING
from missionmatch.services.schedule_publish import VISIBLE


@dataclass(frozen=True)
class Attendee:
    key: str
    name: str
    company: str
    side: str  # "delegation" or "host"


@dataclass(frozen=True)
class Seat:
    """One meeting at its table."""

    meeting_key: str
    attendees: tuple[Attendee, ...]
    interpreter: str  # a language pair like "fr-ja", or ""


@dataclass(frozen=True)
class SlotRow:
    index: int
    starts_at: WallTime
    ends_at: WallTime
    seats: tuple[Seat | None, ...]  # one per table, None where the table is free

    @property
    def time(self) -> str:
        return span(self.starts_at, self.ends_at)


@dataclass(frozen=True)
class DoorEntry:
    """Who sits at a table in one slot: the delegation's side and the host side."""

    time: str
    delegation: tuple[Attendee, ...]
    hosts: tuple[Attendee, ...]
    interpreter: str


@dataclass(frozen=True)
class CheckIn:
    attendee: Attendee
    first_time: str  # start of their first meeting in the session
    first_table: int | None  # 1-based, as printed on the tables; None when that meeting has no table
    meetings: int


@dataclass(frozen=True)
class OffPlan:
    """A meeting of the schedule that has no cell in the grid: placed in a slot but given no table, or in a
    slot or at a table beyond the session's (the session was shrunk after placing). Listed apart so that no
    meeting of the schedule goes missing from the papers."""

    meeting_id: int
    meeting_key: str
    status: str  # draft, published...: a page offers to move a draft or a published one
    attendees: tuple[Attendee, ...]
    interpreter: str
    slot: int  # 0-based
    table: int | None  # 0-based, None when it has none
    time: str  # "" for a slot beyond the session's
    reason: str  # NO_TABLE, SLOT_OUTSIDE or TABLE_OUTSIDE


NO_TABLE, SLOT_OUTSIDE, TABLE_OUTSIDE = "no_table", "slot_outside", "table_outside"


@dataclass(frozen=True)
class DayDocuments:
    session: B2BSession
    draft: bool
    grid: tuple[SlotRow, ...]
    doors: tuple[tuple[DoorEntry, ...], ...]  # per table (index 0 is table 1)
    check_in: tuple[CheckIn, ...]  # by last name, then first name
    # per table, the hosts who keep it in every session (Participant.hosted_table), for the table cards
    keepers: tuple[tuple[Attendee, ...], ...]
    off_plan: tuple[OffPlan, ...]  # no cell in the grid: by slot, then table (no table last)


class SessionNotFound(LookupError):
    pass


def find_session(db: Session, mission: Mission, reference: str) -> B2BSession:
    """A B2B session of the mission by its key or its number (id)."""
    query = select(B2BSession).where(B2BSession.mission_id == mission.id)
    by_key = db.scalar(query.where(B2BSession.key == reference))
    if by_key is None and reference.isdigit():
        by_key = db.scalar(query.where(B2BSession.id == int(reference)))
    if by_key is None:
        keys = ", ".join(b.key for b in mission.b2b_sessions) or "none"
        raise SessionNotFound(f"{mission.slug} has no B2B session {reference!r} (its sessions: {keys})")
    return by_key


def span(start: WallTime, end: WallTime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def attendee(person: Participant) -> Attendee:
    return Attendee(person.key, person.full_name, person.organisation.name, person.side)


def session_meetings(db: Session, b2b: B2BSession, draft: bool = False) -> list[Meeting]:
    """The session's placed meetings of the schedule asked for, by slot and table."""
    statuses = OCCUPYING if draft else VISIBLE
    query = (
        select(Meeting)
        .where(Meeting.session_id == b2b.id, Meeting.slot.is_not(None), Meeting.status.in_(statuses))
        .options(selectinload(Meeting.participants).options(joinedload(Participant.organisation)))
        .order_by(Meeting.slot, Meeting.table)
    )
    return list(db.scalars(query))


def _off_plan(meeting: Meeting, times: list[tuple[WallTime, WallTime]], tables: int) -> OffPlan | None:
    """Why the meeting has no cell in the grid, or None when it has one."""
    slot, table = meeting.slot, meeting.table
    assert slot is not None  # session_meetings reads placed meetings only
    if slot >= len(times):
        reason = SLOT_OUTSIDE
    elif table is None:
        reason = NO_TABLE
    elif table >= tables:
        reason = TABLE_OUTSIDE
    else:
        return None
    time = span(*times[slot]) if slot < len(times) else ""
    attendees = tuple(attendee(p) for p in meeting.participants)
    return OffPlan(
        meeting.id,
        meeting.key,
        meeting.status.value,
        attendees,
        meeting.interpreter or "",
        slot,
        table,
        time,
        reason,
    )


def day_documents(db: Session, b2b: B2BSession, draft: bool = False) -> DayDocuments:
    times = b2b.slot_times()
    placed = session_meetings(db, b2b, draft)
    meetings, off_plan = [], []
    for meeting in placed:
        unseated = _off_plan(meeting, times, b2b.tables)
        if unseated is None:
            meetings.append(meeting)
        else:
            off_plan.append(unseated)
    cells: list[list[Seat | None]] = [[None] * b2b.tables for _ in times]
    doors: list[list[DoorEntry]] = [[] for _ in range(b2b.tables)]
    firsts: dict[int, tuple[Participant, int, int | None]] = {}  # participant id → (person, slot, table)
    counts: dict[int, int] = {}
    for meeting in meetings:
        assert meeting.slot is not None and meeting.table is not None  # _off_plan
        attendees = tuple(attendee(p) for p in meeting.participants)
        interpreter = meeting.interpreter or ""
        cells[meeting.slot][meeting.table] = Seat(meeting.key, attendees, interpreter)
        doors[meeting.table].append(
            DoorEntry(
                span(*times[meeting.slot]),
                tuple(a for a in attendees if a.side != "host"),
                tuple(a for a in attendees if a.side == "host"),
                interpreter,
            )
        )
    # the welcome desk expects everyone with a meeting in a slot of the session, a table or not
    expected = [m for m in placed if m.slot is not None and m.slot < len(times)]
    in_grid = {m.id for m in meetings}
    for meeting in expected:
        assert meeting.slot is not None
        table = meeting.table if meeting.id in in_grid else None
        for person in meeting.participants:
            earlier = firsts.get(person.id)
            if earlier is None or (meeting.slot, table is None) < (earlier[1], earlier[2] is None):
                firsts[person.id] = (person, meeting.slot, table)
            counts[person.id] = counts.get(person.id, 0) + 1
    grid = tuple(
        SlotRow(i, start, end, tuple(row))
        for i, ((start, end), row) in enumerate(zip(times, cells, strict=True))
    )
    arrivals = sorted(
        firsts.values(), key=lambda entry: (entry[0].last_name, entry[0].first_name, entry[0].id)
    )
    check_in = tuple(
        CheckIn(
            attendee(person),
            f"{times[slot][0]:%H:%M}",
            None if table is None else table + 1,
            counts[person.id],
        )
        for person, slot, table in arrivals
    )
    door_lists = tuple(tuple(entries) for entries in doors)
    off_plan.sort(key=lambda m: (m.slot, m.table is None, m.table or 0, m.meeting_key))
    return DayDocuments(b2b, draft, grid, door_lists, check_in, _keepers(b2b), tuple(off_plan))


def _number(table: int | None) -> int | None:
    return None if table is None else table + 1  # as printed on the tables


def _keepers(b2b: B2BSession) -> tuple[tuple[Attendee, ...], ...]:
    people = sorted(b2b.mission.participants, key=lambda p: (p.last_name, p.first_name, p.id))
    return tuple(
        tuple(attendee(p) for p in people if p.hosted_table == number and p.erased_at is None)
        for number in range(1, b2b.tables + 1)
    )
