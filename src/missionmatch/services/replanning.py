"""Replanning a published schedule after changes, moving as few published meetings as possible.

Changes are made to the mission first (a participant withdraws, becomes unavailable, a request is accepted,
a meeting is cancelled); `replan_mission` then keeps every published meeting it can in its slot and table,
moves the others, places new accepted requests in what is free, and reports exactly what moved. The result is
published like any draft: the changelog tells each participant what changed for them.
"""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, Meeting, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.scheduling import instance as scheduling
from missionmatch.scheduling.replanner import replan
from missionmatch.services.row_locks import lock_mission_sessions
from missionmatch.services.scheduling_candidates import (
    MUTUAL_WEIGHT,
    Candidate,
    candidates,
    forbidden_slots,
    interpreter_pair,
    new_meeting_key,
)

# a published meeting is worth more than anything new: it is dropped only when it cannot be held at all
KEEP_WEIGHT = 10 * MUTUAL_WEIGHT


@dataclass
class ReplanReport:
    kept: int = 0
    moved: list[tuple[str, int, int]] = field(default_factory=list)  # meeting key, old slot, new slot
    dropped: list[str] = field(default_factory=list)  # published meetings that can no longer be held
    added: list[str] = field(default_factory=list)  # new meetings placed


def withdraw_participant(participant: Participant) -> list[Meeting]:
    """A participant who cancels their trip: their meetings that have not happened yet are cancelled."""
    cancelled = []
    for meeting in participant.mission.meetings:
        pending = meeting.status in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED)
        if pending and participant in meeting.participants:
            meeting.status = MeetingStatus.CANCELLED
            cancelled.append(meeting)
    for request in participant.mission.meeting_requests:
        open_request = request.status in (RequestStatus.PENDING, RequestStatus.ACCEPTED)
        if open_request and participant in (request.requester, request.recipient):
            request.status = RequestStatus.CANCELLED
    return cancelled


def _keep_tables(meetings: list[Meeting], slots: dict[int, int], n_tables: int) -> dict[int, int | None]:
    """Tables for the placed meetings (by list index): a meeting keeps its table when it stays in its slot."""
    tables: dict[int, int | None] = {}
    by_slot: dict[int, list[int]] = {}
    for index, slot in slots.items():
        by_slot.setdefault(slot, []).append(index)
    for slot, indexes in by_slot.items():
        staying = [
            i
            for i in indexes
            if meetings[i].id is not None and meetings[i].slot == slot and meetings[i].table is not None
        ]
        taken = {meetings[i].table for i in staying}
        tables.update({i: meetings[i].table for i in staying})
        free = (t for t in range(n_tables) if t not in taken)
        for i in indexes:
            if i not in tables:
                tables[i] = next(free, None)
    return tables


def _replan_session(
    mission: Mission, b2b: B2BSession, open_: list[Candidate], time_limit: float, report: ReplanReport
) -> None:
    published = [
        m
        for m in mission.meetings
        if m.session_id == b2b.id and m.slot is not None and m.status == MeetingStatus.PUBLISHED
    ]
    people: dict[int, int] = {}
    participants: list[scheduling.Participant] = []

    def index(person: Participant) -> int:
        if person.id not in people:
            people[person.id] = len(participants)
            participants.append(scheduling.Participant(forbidden=forbidden_slots(person, b2b)))
        return people[person.id]

    meetings: list[Meeting] = list(published)
    sources: dict[int, Candidate] = {}  # index in `meetings` -> the request it would answer
    entries = [
        scheduling.Meeting(
            tuple(index(p) for p in m.participants),
            optional=True,
            weight=KEEP_WEIGHT,
            interpreter=m.interpreter,
            key=m.key,
        )
        for m in published
    ]
    for candidate in open_:
        can_talk, pair = interpreter_pair(candidate.people, b2b)
        if not can_talk:
            continue
        new = Meeting(
            key=new_meeting_key(mission, candidate),
            participants=list(candidate.people),
            request=candidate.request,
            session=b2b,
            interpreter=pair,
            status=MeetingStatus.DRAFT,
        )
        sources[len(meetings)] = candidate
        meetings.append(new)
        entries.append(
            scheduling.Meeting(
                tuple(index(p) for p in candidate.people),
                optional=True,
                weight=candidate.weight,
                interpreter=pair,
                key=new.key,
            )
        )
    if not entries:
        return
    instance = scheduling.Instance(
        name=b2b.key,
        n_slots=b2b.slot_count,
        n_tables=b2b.tables,
        participants=tuple(participants),
        meetings=tuple(entries),
        interpreters={p.pair: (p.count,) * b2b.slot_count for p in b2b.interpreters},
    )
    result = replan(instance, {m.key: m.slot for m in published}, time_limit=time_limit)
    slots = result.solution.meeting_slots or [None] * len(entries)
    placed = {i: s for i, s in enumerate(slots) if s is not None}
    tables = _keep_tables(meetings, placed, b2b.tables)
    for i, meeting in enumerate(meetings):
        if i < len(published):
            if slots[i] is None:
                meeting.status = MeetingStatus.CANCELLED
                report.dropped.append(meeting.key)
                continue
            if slots[i] != meeting.slot:
                report.moved.append((meeting.key, meeting.slot, slots[i]))
            else:
                report.kept += 1
            meeting.slot, meeting.table = slots[i], tables[i]
        elif slots[i] is not None:
            meeting.slot, meeting.table = slots[i], tables[i]
            mission.meetings.append(meeting)
            open_.remove(sources[i])
            report.added.append(meeting.key)


def replan_mission(session: Session, mission: Mission, *, time_limit: float = 20.0) -> ReplanReport:
    lock_mission_sessions(session, mission)  # hand placements wait, or are seen
    for meeting in [m for m in mission.meetings if m.status == MeetingStatus.DRAFT]:
        mission.meetings.remove(meeting)  # drafts are rebuilt around what is published
    session.flush()
    open_ = [c for c in candidates(mission, []) if c.published is None]
    report = ReplanReport()
    for b2b in mission.b2b_sessions:
        _replan_session(mission, b2b, open_, time_limit, report)
    session.flush()
    return report
