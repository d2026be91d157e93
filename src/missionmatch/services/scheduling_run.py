"""Places a mission's wanted meetings into its B2B sessions as a draft schedule.

All sessions are solved together as one instance (`mission_instance`): first as many people with a
meeting as possible, then the most valuable meetings (mutual request > one-sided > suggestion), then the
fewest idle gaps. Published meetings stay where they are.
"""

from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, Meeting, Mission, Recommendation
from missionmatch.models.enums import MeetingStatus
from missionmatch.scheduling.portfolio import solve
from missionmatch.scheduling.solution import Solution, breaks_per_participant
from missionmatch.services.mission_instance import MissionInstance, build_mission_instance
from missionmatch.services.row_locks import lock_mission_sessions
from missionmatch.services.scheduling_candidates import (
    Candidate,
    candidates,
    forbidden_slots,
    interpreter_pair,
    new_meeting_key,
)

# the solver time per session that a web request may ask for (the pages clamp, the API refuses)
MIN_TIME_LIMIT, MAX_TIME_LIMIT = 1.0, 120.0


@dataclass
class SessionOutcome:
    session: str
    status: str
    placed: int
    breaks: int | None
    seconds: float
    interpreters_used: dict[str, int] = field(default_factory=dict)


@dataclass
class SchedulingReport:
    wanted: int
    placed: int
    weight_wanted: int
    weight_placed: int
    sessions: list[SessionOutcome] = field(default_factory=list)
    unplaced: dict[str, str] = field(default_factory=dict)  # candidate key -> why, in words
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "wanted": self.wanted,
            "placed": self.placed,
            "weight_wanted": self.weight_wanted,
            "weight_placed": self.weight_placed,
            "unplaced": self.unplaced,
            "notes": self.notes,
            "sessions": [vars(outcome) for outcome in self.sessions],
        }


def _why_unplaced(candidate: Candidate, sessions: list[B2BSession]) -> str:
    talkable = [s for s in sessions if interpreter_pair(candidate.people, s)[0]]
    if not talkable:
        return "no common language and no interpreter for it"
    for b2b in talkable:
        blocked = set().union(*(forbidden_slots(p, b2b) for p in candidate.people))
        if len(blocked) < b2b.slot_count:
            return "every slot where both are free is taken (tables, interpreters or their other meetings)"
    return "never both free during a B2B session (programme, availability, arrival or departure)"


def run_scheduling(
    session: Session,
    mission: Mission,
    *,
    time_limit: float = 20.0,
    workers: int = 2,
    include_suggested: bool = True,
) -> SchedulingReport:
    lock_mission_sessions(session, mission)  # hand placements wait, or are seen
    recommendations = []
    if include_suggested:
        recommendations = list(
            session.scalars(
                select(Recommendation).where(
                    Recommendation.mission_id == mission.id, Recommendation.suggested_meeting
                )
            )
        )
    wanted = candidates(mission, recommendations)
    for meeting in [m for m in mission.meetings if m.status == MeetingStatus.DRAFT]:
        mission.meetings.remove(meeting)  # a new draft replaces the previous one
    session.flush()
    open_ = [c for c in wanted if c.published is None]
    report = SchedulingReport(
        wanted=len(open_), placed=0, weight_wanted=sum(c.weight for c in open_), weight_placed=0
    )
    fixed = [c for c in wanted if c.published is not None and c.published.session_id is not None]
    joint = build_mission_instance(list(mission.b2b_sessions), fixed, open_)
    if any(m.optional for m in joint.instance.meetings):
        # the page and the API ask for seconds per session; the sessions are now solved together
        budget = time_limit * max(1, len(joint.sessions))
        solution = solve(joint.instance, fairness=None, time_limit=budget, workers=workers)
        if solution.status == "infeasible" and any(p.min_meetings for p in joint.instance.participants):
            # minimums are wishes: one that cannot be met must not cost everybody their schedule
            report.notes.append("minimum meetings could not all be met; scheduled without minimums")
            relaxed = [replace(p, min_meetings=0) for p in joint.instance.participants]
            joint.instance = replace(joint.instance, participants=tuple(relaxed))
            solution = solve(joint.instance, fairness=None, time_limit=budget, workers=workers)
        if solution.meeting_slots is None:
            report.notes.append("the solver found no schedule within the time limit: give it more seconds")
        _store_draft(mission, joint, solution, open_, report)
    report.unplaced = {c.key: _why_unplaced(c, list(mission.b2b_sessions)) for c in open_}
    session.flush()
    return report


def _store_draft(
    mission: Mission,
    joint: MissionInstance,
    solution: Solution,
    open_: list[Candidate],
    report: SchedulingReport,
) -> None:
    slots = solution.meeting_slots or [None] * joint.instance.n_meetings
    outcomes = {
        b2b.id: SessionOutcome(b2b.key, solution.status, 0, 0, round(solution.solve_seconds, 2))
        for b2b in joint.sessions
    }
    for m, candidate in enumerate(joint.held):
        t = slots[m]
        if candidate.published is not None or t is None:
            continue
        b2b, slot = joint.locate(t)
        mission.meetings.append(
            Meeting(
                key=new_meeting_key(mission, candidate),
                participants=list(candidate.people),
                request=candidate.request,
                session=b2b,
                slot=slot,
                table=solution.tables[m] if solution.tables else None,
                interpreter=joint.pairs[m],
                status=MeetingStatus.DRAFT,
            )
        )
        open_.remove(candidate)
        outcome = outcomes[b2b.id]
        outcome.placed += 1
        report.weight_placed += candidate.weight
        if joint.pairs[m]:
            pair = joint.pairs[m]
            outcome.interpreters_used[pair] = outcome.interpreters_used.get(pair, 0) + 1
    for b2b in joint.sessions:
        outcome, window = outcomes[b2b.id], joint.session_slots(b2b)
        if solution.meeting_slots is not None:
            outcome.breaks = _breaks_in(joint, slots, window)
        report.placed += outcome.placed
        if outcome.placed or any(t in window for t in slots):  # new meetings, or published ones kept there
            report.sessions.append(outcome)


def _breaks_in(joint: MissionInstance, slots: list[int | None], window: range) -> int:
    """Idle gaps inside one session: the shared counter on that session's meetings only."""
    inside = [t if t is not None and t in window else None for t in slots]
    return sum(breaks_per_participant(joint.instance, inside))
