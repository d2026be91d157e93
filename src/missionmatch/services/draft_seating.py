"""Putting a solved draft into the schedule as it is now.

The solver works on a snapshot with no lock held (a run lasts minutes), so meanwhile organisers may have
moved, published or cancelled meetings, a participant may have withdrawn or become unavailable, a request
may have been withdrawn. Under the schedule lock each new meeting is checked against the current state and
seated at a free table (a host's own table first); one that no longer fits is left out with the reason.
Then the whole schedule of the mission is re-checked by the independent checker before anything is written.
"""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.i18n import mark as _
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.scheduling import checker
from missionmatch.scheduling.solution import Solution
from missionmatch.services.interpreter_setup import canonical_pair
from missionmatch.services.mission_instance import build_mission_instance
from missionmatch.services.scheduling_candidates import Candidate, forbidden_slots, new_meeting_key

# why a planned meeting was not written (shown translated on the job page: marked for the catalogs)
REASONS = {
    "request": _("the request is no longer accepted (it changed while the scheduler ran)"),
    "withdrawn": _("one of them withdrew or was erased while the scheduler ran"),
    "busy": _(
        "the schedule changed while the scheduler ran: one of them now has another meeting in that slot"
    ),
    "unavailable": _(
        "the schedule changed while the scheduler ran: one of them is no longer available in that slot"
    ),
    "tables": _("the schedule changed while the scheduler ran: every table of that slot is now taken"),
    "interpreter": _(
        "the schedule changed while the scheduler ran: no interpreter for them is left in that slot"
    ),
    "seats": _("the schedule changed while the scheduler ran: that session's tables seat fewer people"),
    "limit": _(
        "the schedule changed while the scheduler ran: one of them now has as many meetings as they accept"
    ),
}


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting the solver placed, in plain values (the snapshot's objects belong to a closed session)."""

    key: str  # the candidate's key
    person_ids: tuple[int, ...]
    request_id: int | None
    session_id: int
    slot: int
    interpreter: str | None


class _Seating:
    """Tables, people and interpreters in use per slot, from the meetings that occupy them now."""

    def __init__(self, meetings: list[Meeting]) -> None:
        self.tables: set[tuple[int, int, int]] = set()
        self.busy: set[tuple[int, int, int]] = set()
        self.interpreters: Counter[tuple[int, int, tuple[str, str]]] = Counter()
        self.meetings: Counter[int] = Counter()
        for meeting in meetings:
            assert meeting.session_id is not None and meeting.slot is not None
            self._take(
                meeting.session_id, meeting.slot, meeting.table, meeting.participants, meeting.interpreter
            )

    def _take(
        self, b2b: int, slot: int, table: int | None, people: list[Participant], pair: str | None
    ) -> None:
        if table is not None:
            self.tables.add((b2b, slot, table))
        for person in people:
            self.busy.add((person.id, b2b, slot))
            self.meetings[person.id] += 1
        if pair:
            self.interpreters[(b2b, slot, canonical_pair(*pair.split("-")))] += 1

    def seat(self, plan: PlannedMeeting, people: list[Participant], b2b: B2BSession) -> int | str:
        """The table given to the meeting, or why it no longer fits."""
        if len(people) > b2b.seats:
            return "seats"
        if any((p.id, b2b.id, plan.slot) in self.busy for p in people):
            return "busy"
        if any(plan.slot in forbidden_slots(p, b2b) for p in people):
            return "unavailable"
        if any(p.max_meetings is not None and self.meetings[p.id] >= p.max_meetings for p in people):
            return "limit"
        if plan.interpreter:
            pair = canonical_pair(*plan.interpreter.split("-"))
            pool = sum(
                i.count for i in b2b.interpreters if canonical_pair(i.language_a, i.language_b) == pair
            )
            if self.interpreters[(b2b.id, plan.slot, pair)] >= pool:
                return "interpreter"
        kept = [p.hosted_table - 1 for p in people if p.hosted_table is not None]
        free = [t for t in range(b2b.tables) if (b2b.id, plan.slot, t) not in self.tables]
        table = next((t for t in kept if t in free), None) if kept else (free[0] if free else None)
        if table is None:
            return "tables"
        self._take(b2b.id, plan.slot, table, people, plan.interpreter)
        return table


@dataclass
class SeatedDraft:
    placed: dict[str, Meeting] = field(default_factory=dict)  # candidate key -> new draft meeting
    left_out: dict[str, str] = field(default_factory=dict)  # candidate key -> why it no longer fits
    answered: set[str] = field(default_factory=set)  # candidate keys whose people meet already


def seat_draft(session: Session, mission: Mission, planned: list[PlannedMeeting]) -> SeatedDraft:
    """New draft meetings for what still fits (added to the mission), why each other one does not, and which
    were answered meanwhile (their people were given a meeting, say by a publication). The caller holds the
    schedule lock and has removed the previous draft."""
    current = [m for m in mission.meetings if m.occupies]
    settled = {frozenset(p.id for p in m.participants) for m in current if m.status != MeetingStatus.DRAFT}
    seating = _Seating(current)
    sessions = {b2b.id: b2b for b2b in mission.b2b_sessions}
    people = {p.id: p for p in mission.participants}
    accepted = set(
        session.scalars(
            select(MeetingRequest.id).where(
                MeetingRequest.mission_id == mission.id, MeetingRequest.status == RequestStatus.ACCEPTED
            )
        )
    )
    out = SeatedDraft()
    # hosts first, so that a table a host keeps is still free when their meeting is seated
    ordered = sorted(
        planned, key=lambda p: all(people[i].hosted_table is None for i in p.person_ids if i in people)
    )
    for plan in ordered:
        if any(frozenset(plan.person_ids) <= group for group in settled):
            out.answered.add(plan.key)
            continue
        attendees = [people[i] for i in plan.person_ids if i in people]
        if plan.request_id is not None and plan.request_id not in accepted:
            out.left_out[plan.key] = REASONS["request"]
            continue
        if len(attendees) < len(plan.person_ids) or any(p.erased_at or p.withdrawn_at for p in attendees):
            out.left_out[plan.key] = REASONS["withdrawn"]
            continue
        b2b = sessions.get(plan.session_id)
        table = seating.seat(plan, attendees, b2b) if b2b is not None else "tables"
        if isinstance(table, str):
            out.left_out[plan.key] = REASONS[table]
            continue
        meeting = Meeting(
            key=new_meeting_key(mission, plan.key),
            participants=attendees,
            request_id=plan.request_id,
            session=b2b,
            session_id=plan.session_id,
            slot=plan.slot,
            table=table,
            interpreter=plan.interpreter,
            status=MeetingStatus.DRAFT,
        )
        mission.meetings.append(meeting)
        out.placed[plan.key] = meeting
    _check(mission, current, list(out.placed.values()))
    return out


def _violations(mission: Mission, meetings: list[Meeting]) -> set[str]:
    """The independent checker over these meetings, each kept in its slot (minimums are wishes: left out)."""
    fixed = [Candidate(m.key, tuple(m.participants), 1, None, m, "published") for m in meetings]
    joint = build_mission_instance(list(mission.b2b_sessions), fixed, [])
    slots: list[int | None] = [
        joint.session_slots(m.session)[m.slot] if m.session is not None and m.slot is not None else None
        for m in meetings
    ]
    schedule = Solution(joint.instance.name, "feasible", None, slots, tables=[m.table for m in meetings])
    found = checker.check(joint.instance, schedule)
    return {v for v in found if not v.startswith(("[objective]", "[min-meetings]"))}


def _check(mission: Mission, current: list[Meeting], placed: list[Meeting]) -> None:
    """Refuses a draft that adds any violation to the schedule as it stands (whatever was there stays)."""
    added = _violations(mission, current + placed) - _violations(mission, current)
    if added:
        raise RuntimeError("the draft breaks the schedule's rules: " + "; ".join(sorted(added)[:5]))
