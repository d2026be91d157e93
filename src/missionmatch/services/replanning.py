"""Replanning a published schedule after changes, moving as few published meetings as possible.

Changes are made to the mission first (a participant withdraws, becomes unavailable, a request is accepted,
a meeting is cancelled); `replan_mission` then keeps every published meeting it can in its slot and table,
moves the others (to another session, say the next day, only when it cannot stay in its own), places new
accepted requests in what is free, and reports exactly what moved. All sessions are decided together, so
meeting limits and hosted tables hold over the mission. A published meeting that can no longer be held at all
is cancelled and reported. The result is published like any draft: the changelog tells each
participant what changed for them.
"""

from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from missionmatch.models import Meeting, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.scheduling.replanner import replan
from missionmatch.scheduling.tables import assign_tables
from missionmatch.services.mission_instance import build_mission_instance
from missionmatch.services.row_locks import lock_mission_sessions
from missionmatch.services.scheduling_candidates import (
    MUTUAL_WEIGHT,
    Candidate,
    candidates,
    new_meeting_key,
)

# a published meeting is worth more than anything new: it is dropped only when it cannot be held at all
KEEP_WEIGHT = 10 * MUTUAL_WEIGHT


@dataclass
class ReplanReport:
    kept: int = 0
    moved: list[tuple[str, int, int]] = field(default_factory=list)  # meeting key, old slot, new slot
    # meeting key -> (old session key, new session key), for the moved meetings that changed session
    sessions_changed: dict[str, tuple[str, str]] = field(default_factory=dict)
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


def replan_mission(session: Session, mission: Mission, *, time_limit: float = 20.0) -> ReplanReport:
    """All sessions together (limits and hosted tables hold over the mission); every move of a published
    meeting counts the same, so one changes session only when no slot of its own session will do."""
    lock_mission_sessions(session, mission)  # hand placements wait, or are seen
    for meeting in [m for m in mission.meetings if m.status == MeetingStatus.DRAFT]:
        mission.meetings.remove(meeting)  # drafts are rebuilt around what is published
    session.flush()
    published = [
        m
        for m in mission.meetings
        if m.status == MeetingStatus.PUBLISHED and m.slot is not None and m.session_id is not None
    ]
    open_ = [c for c in candidates(mission, []) if c.published is None]
    keep = [
        Candidate(m.key, tuple(m.participants), KEEP_WEIGHT, m.request, source="published") for m in published
    ]
    joint = build_mission_instance(list(mission.b2b_sessions), [], keep + open_)
    joint.instance = replace(joint.instance, cover_everyone=False)  # a published agenda comes first
    report = ReplanReport()
    by_key = {m.key: m for m in published}
    index = {c.key: i for i, c in enumerate(joint.held)}
    old = {m.key: joint.session_slots(m.session)[m.slot] for m in published if m.key in index}
    slots: list[int | None] = [None] * joint.instance.n_meetings
    if joint.instance.n_meetings:
        budget = time_limit * max(1, len(joint.sessions))
        result = replan(joint.instance, old, time_limit=budget)
        slots = result.solution.meeting_slots or slots
    staying = {
        index[k]: by_key[k].table for k in old if by_key[k].table is not None and slots[index[k]] == old[k]
    }
    tables = assign_tables(joint.instance, slots, keep=staying)
    for key, meeting in by_key.items():
        t = slots[index[key]] if key in index else None
        if t is None:
            meeting.status = MeetingStatus.CANCELLED
            report.dropped.append(key)
            continue
        b2b, slot = joint.locate(t)
        if t != old[key]:
            report.moved.append((key, meeting.slot, slot))
            if b2b.id != meeting.session_id:
                report.sessions_changed[key] = (meeting.session.key, b2b.key)
        else:
            report.kept += 1
        meeting.session, meeting.slot, meeting.table = b2b, slot, tables[index[key]]
    for m, candidate in enumerate(joint.held):
        if candidate.key in by_key or slots[m] is None:
            continue
        b2b, slot = joint.locate(slots[m])
        meeting = Meeting(
            key=new_meeting_key(mission, candidate),
            participants=list(candidate.people),
            request=candidate.request,
            session=b2b,
            slot=slot,
            table=tables[m],
            interpreter=joint.pairs[m],
            status=MeetingStatus.DRAFT,
        )
        mission.meetings.append(meeting)
        report.added.append(meeting.key)
    session.flush()
    return report
