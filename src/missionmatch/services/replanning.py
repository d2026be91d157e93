"""Replanning a published schedule after changes, moving as few published meetings as possible.

Changes are made to the mission first (a participant withdraws, becomes unavailable, a request is accepted,
a meeting is cancelled); `replan_mission` then keeps every published meeting it can in its slot and table,
moves the others (to another session, say the next day, only when it cannot stay in its own), places new
accepted requests in what is free, and reports exactly what moved. All sessions are decided together, so
meeting limits and hosted tables hold over the mission. A published meeting that can no longer be held at all
is cancelled and reported. The result is published like any draft: the changelog tells each
participant what changed for them. Held and no-show meetings are fixed where they are.

The solver works on a snapshot with no lock held; the result is written under the schedule lock only if
nothing it was based on changed meanwhile (otherwise refused, naming what changed: run it again).
"""

from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import Meeting, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.scheduling.replanner import replan
from missionmatch.scheduling.solution import Solution
from missionmatch.scheduling.tables import assign_tables
from missionmatch.services.mission_instance import MissionInstance, build_mission_instance
from missionmatch.services.placement_rules import PlacementRefused, Refusal
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_publish import snapshot_entry
from missionmatch.services.schedule_writes import change_status_locked, flush_checked, vacate
from missionmatch.services.scheduling_candidates import (
    MUTUAL_WEIGHT,
    Candidate,
    candidates,
    new_meeting_key,
)
from missionmatch.services.scheduling_run import Progress
from missionmatch.services.solver_output import require_valid
from missionmatch.services.withdrawal import withdraw
from missionmatch.settings import MailSettings

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
    # the same as changelog entries (moved, cancelled, added: see schedule_publish.changelog), for words
    changes: list[dict[str, Any]] = field(default_factory=list)


def withdraw_participant(
    session: Session, participant: Participant, mail: MailSettings | None = None
) -> list[Meeting]:
    """A participant who cancels their trip: their meetings that have not happened yet are cancelled
    (services/withdrawal.py, which also records them for an undo and gives their programme places to the
    waiting lists, mails queued with links to the default address when no settings are given)."""
    return withdraw(session, participant, clock.now(), mail=mail or MailSettings()).meetings


def _basis(mission: Mission) -> dict[str, Any]:
    """What a replanning is based on: every meeting but drafts, where and with whom; accepted requests."""
    meetings = {
        m.key: (m.status.value, m.session_id, m.slot, m.table, tuple(p.id for p in m.participants))
        for m in mission.meetings
        if m.status != MeetingStatus.DRAFT
    }
    accepted = sorted(r.key for r in mission.meeting_requests if r.status == RequestStatus.ACCEPTED)
    return {"meetings": meetings, "requests": accepted}


def _changed_since(basis: dict[str, Any], now: dict[str, Any]) -> list[str]:
    before, after = basis["meetings"], now["meetings"]
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if basis["requests"] != now["requests"]:
        changed.append("accepted requests")
    return changed


@dataclass
class _Plan:
    joint: MissionInstance
    published: list[str]  # every published meeting's key
    old: dict[str, int]  # published meeting key -> its global slot (those the instance could hold)
    tables: dict[str, int | None]  # published or fixed meeting key -> its table
    basis: dict[str, Any]


def _snapshot(mission: Mission) -> _Plan:
    published = [m for m in mission.meetings if m.status == MeetingStatus.PUBLISHED and m.placed]
    wanted = candidates(mission, [])
    # held and no-show meetings happened (or were due): they stay, with their tables
    fixed = [c for c in wanted if c.published is not None and c.published.status != MeetingStatus.PUBLISHED]
    open_ = [c for c in wanted if c.published is None]
    keep = [
        Candidate(m.key, tuple(m.participants), KEEP_WEIGHT, m.request, source="published") for m in published
    ]
    joint = build_mission_instance(list(mission.b2b_sessions), fixed, keep + open_)
    joint.instance = replace(joint.instance, cover_everyone=False)  # a published agenda comes first
    index = {c.key for c in joint.held}
    old = {m.key: joint.session_slots(m.session)[m.slot] for m in published if m.key in index}  # type: ignore[arg-type,index]
    tables = {m.key: m.table for m in published} | {c.key: c.published.table for c in fixed}  # type: ignore[union-attr]
    return _Plan(joint, [m.key for m in published], old, tables, _basis(mission))


def replan_mission(
    factory: sessionmaker[Session],
    mission_id: int,
    *,
    time_limit: float = 20.0,
    progress: Progress | None = None,
) -> ReplanReport:
    """All sessions together (limits and hosted tables hold over the mission); every move of a published
    meeting counts the same, so one changes session only when no slot of its own session will do."""
    tell = progress or (lambda **_: None)
    tell(stage="snapshot")
    with transaction(factory) as session:
        mission = session.get(Mission, mission_id)
        assert mission is not None
        plan = _snapshot(mission)
    joint = plan.joint
    slots: list[int | None] = [None] * joint.instance.n_meetings
    solved: Solution | None = None
    if joint.instance.n_meetings:
        tell(stage="solving")
        budget = time_limit * max(1, len(joint.sessions))
        result = replan(joint.instance, plan.old, time_limit=budget)
        solved = result.solution
        slots = solved.meeting_slots or slots
    index = {c.key: i for i, c in enumerate(joint.held)}
    staying = {
        index[k]: table
        for k, table in plan.tables.items()
        if table is not None and k in index and (k not in plan.old or slots[index[k]] == plan.old[k])
    }
    tables = assign_tables(joint.instance, slots, keep=staying)
    if solved is not None:
        require_valid(joint.instance, replace(solved, tables=tables), "replanned schedule")
    tell(stage="applying")
    with transaction(factory) as session:
        lock_schedule(session, mission_id)
        mission = session.get(Mission, mission_id)
        assert mission is not None
        changed = _changed_since(plan.basis, _basis(mission))
        if changed:
            raise PlacementRefused([Refusal("changed_meanwhile", {"keys": ", ".join(changed[:10])})])
        return _apply(session, mission, plan, slots, tables)


def _apply(
    session: Session, mission: Mission, plan: _Plan, slots: list[int | None], tables: list[int | None]
) -> ReplanReport:
    joint, report = plan.joint, ReplanReport()
    for meeting in [m for m in mission.meetings if m.status == MeetingStatus.DRAFT]:
        mission.meetings.remove(meeting)  # drafts are rebuilt around what is published
    index = {c.key: i for i, c in enumerate(joint.held)}
    by_key = {m.key: m for m in mission.meetings if m.key in plan.published}
    sessions = {b2b.id: b2b for b2b in mission.b2b_sessions}
    people = {p.id: p for p in mission.participants}
    new_slot = {k: slots[index[k]] if k in plan.old else None for k in by_key}
    before = {k: snapshot_entry(m) for k, m in by_key.items()}
    cancelled = []
    for key in [k for k, t in new_slot.items() if t is None]:  # cancelled first: their seats are free
        change_status_locked(session, by_key.pop(key), MeetingStatus.CANCELLED)
        report.dropped.append(key)
        cancelled.append({"meeting": key, "change": "cancelled", "before": before[key], "after": None})
    vacate(session, [m for k, m in by_key.items() if new_slot[k] != plan.old[k]])  # then moves, in two steps
    for key, meeting in by_key.items():
        t = new_slot[key]
        assert t is not None
        b2b, slot = joint.locate(t)
        if t != plan.old[key]:
            old_slot = joint.locate(plan.old[key])
            report.moved.append((key, old_slot[1], slot))
            if b2b.id != old_slot[0].id:
                report.sessions_changed[key] = (old_slot[0].key, b2b.key)
        else:
            report.kept += 1
        meeting.session, meeting.slot, meeting.table = sessions[b2b.id], slot, tables[index[key]]
        if (after := snapshot_entry(meeting)) != before[key]:
            report.changes.append({"meeting": key, "change": "moved", "before": before[key], "after": after})
    report.changes += cancelled
    for m, candidate in enumerate(joint.held):
        if candidate.key in plan.published or candidate.published is not None or slots[m] is None:
            continue
        b2b, slot = joint.locate(slots[m])  # type: ignore[arg-type]
        meeting = Meeting(
            key=new_meeting_key(mission, candidate.key),
            participants=[people[p.id] for p in candidate.people],
            request_id=candidate.request.id if candidate.request is not None else None,
            session=sessions[b2b.id],
            slot=slot,
            table=tables[m],
            interpreter=joint.pairs[m],
            status=MeetingStatus.DRAFT,
        )
        mission.meetings.append(meeting)
        report.added.append(meeting.key)
        report.changes.append(
            {"meeting": meeting.key, "change": "added", "before": None, "after": snapshot_entry(meeting)}
        )
    flush_checked(session)
    return report
