"""Places a mission's wanted meetings into its B2B sessions as a draft schedule.

All sessions are solved together as one instance (`mission_instance`): first as many people with a
meeting as possible, then the most valuable meetings (mutual request > one-sided > suggestion), then the
fewest idle gaps. Published, held and no-show meetings stay where they are, tables included.

Three steps, so that a run of minutes holds no lock: a snapshot of the mission is read, the solver works
on it with no transaction open, then under the schedule lock the previous draft is replaced by what still
fits the schedule as it is by then (`draft_seating`: what changed meanwhile is left out, with the reason).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.i18n import mark as _
from missionmatch.models import B2BSession, Mission, Recommendation
from missionmatch.models.enums import MeetingStatus
from missionmatch.scheduling.portfolio import solve
from missionmatch.scheduling.solution import Solution, breaks_per_participant
from missionmatch.services.draft_seating import REASONS, PlannedMeeting, seat_draft
from missionmatch.services.mission_instance import MissionInstance, build_mission_instance
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_writes import flush_checked
from missionmatch.services.scheduling_candidates import (
    Candidate,
    candidates,
    forbidden_slots,
    interpreter_pair,
)
from missionmatch.services.solver_output import require_valid

Progress = Callable[..., None]  # progress(stage=..., best=..., bound=...): a job's stage, for the pages

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
    engine: str = ""  # the solver engine whose answer this is (and, when optimal, that proved it)
    bound: int | None = None  # proven lower bound on the idle gaps of the whole run (all sessions)
    gap: int | None = None  # idle gaps of the run minus that bound (0: proven optimal)


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
    seated = [s for s in sessions if len(candidate.people) <= s.seats]
    if not seated:
        return _("no B2B session has tables that seat all its attendees")
    talkable = [s for s in seated if interpreter_pair(candidate.people, s)[0]]
    if not talkable:
        return _("no common language and no interpreter for it")
    for b2b in talkable:
        blocked = set().union(*(forbidden_slots(p, b2b) for p in candidate.people))
        if len(blocked) < b2b.slot_count:
            return _("every slot where both are free is taken (tables, interpreters or their other meetings)")
    return _("never both free during a B2B session (programme, availability, arrival or departure)")


def _snapshot(
    session: Session, mission: Mission, include_suggested: bool
) -> tuple[MissionInstance, list[Candidate], dict[str, str]]:
    """The joint instance of what to place around the settled meetings, the open candidates, and why each
    would stay unplaced (computed now, while the snapshot's objects can still load what they need)."""
    recommendations = []
    if include_suggested:
        query = select(Recommendation).where(
            Recommendation.mission_id == mission.id, Recommendation.suggested_meeting
        )
        recommendations = list(session.scalars(query))
    wanted = candidates(mission, recommendations)
    open_ = [c for c in wanted if c.published is None]
    fixed = [c for c in wanted if c.published is not None]
    # withdrawn, or their data was erased
    gone = {c.key for c in open_ if any(p.erased_at or p.withdrawn_at for p in c.people)}
    placeable = [c for c in open_ if c.key not in gone]
    joint = build_mission_instance(list(mission.b2b_sessions), fixed, placeable)
    why = {c.key: _why_unplaced(c, list(mission.b2b_sessions)) for c in placeable}
    why |= {key: REASONS["withdrawn"] for key in gone}
    return joint, open_, why


# every engine's progress line: "[cp-sat] ... best=3 bound=1", "[portfolio] rc2-g3: optimal objective=3",
# "[zero-break-sat] ... bound=1", "[large] ...: ... breaks 12"
_SOLVER_VALUES = {
    "best": re.compile(r"(?:best|objective)=(?P<v>-?\d+(?:\.\d+)?)|breaks (?P<w>\d+)"),
    "bound": re.compile(r"bound=(?P<v>-?\d+(?:\.\d+)?)"),
}
# "[cp-sat] ...": the engine; "[portfolio] rc2-g3: ...": the portfolio's engine that spoke
_ENGINE = re.compile(r"^\[(?P<tag>[\w.-]+)\](?: (?P<member>[\w.-]+):)?")


def solver_progress(tell: Progress) -> Callable[[str], None]:
    """The solver's progress lines as a job's stage, with the best objective so far and the bound."""

    def relay(line: str) -> None:
        values: dict[str, float | str] = {}
        engine = _ENGINE.match(line)
        if engine:
            tag, member = engine.group("tag", "member")
            values["engine"] = member if tag == "portfolio" and member else tag
        for key, pattern in _SOLVER_VALUES.items():
            found = pattern.search(line)
            if found:
                values[key] = float(next(v for v in found.groups() if v is not None))
        tell(stage="solving", **values)

    return relay


def _solve(
    joint: MissionInstance, report: SchedulingReport, time_limit: float, workers: int, tell: Progress
) -> Solution:
    # the page and the API ask for seconds per session; the sessions are solved together
    budget = time_limit * max(1, len(joint.sessions))
    relay = solver_progress(tell)
    solution = solve(joint.instance, fairness=None, time_limit=budget, workers=workers, progress=relay)
    if solution.status == "infeasible" and any(p.min_meetings for p in joint.instance.participants):
        # minimums are wishes: one that cannot be met must not cost everybody their schedule
        report.notes.append(_("minimum meetings could not all be met; scheduled without minimums"))
        relaxed = [replace(p, min_meetings=0) for p in joint.instance.participants]
        joint.instance = replace(joint.instance, participants=tuple(relaxed))
        solution = solve(joint.instance, fairness=None, time_limit=budget, workers=workers, progress=relay)
    if solution.meeting_slots is None:
        report.notes.append(_("the solver found no schedule within the time limit: give it more seconds"))
    return solution


def _planned(joint: MissionInstance, solution: Solution) -> list[PlannedMeeting]:
    out = []
    for m, candidate in enumerate(joint.held):
        t = (solution.meeting_slots or [None] * joint.instance.n_meetings)[m]
        if candidate.published is not None or t is None:
            continue
        b2b, slot = joint.locate(t)
        people = tuple(p.id for p in candidate.people)
        request = candidate.request.id if candidate.request is not None else None
        out.append(PlannedMeeting(candidate.key, people, request, b2b.id, slot, joint.pairs[m]))
    return out


def run_scheduling(
    factory: sessionmaker[Session],
    mission_id: int,
    *,
    time_limit: float = 20.0,
    workers: int = 2,
    include_suggested: bool = True,
    progress: Progress | None = None,
) -> SchedulingReport:
    """Snapshot, solve with no lock held, then replace the draft under the schedule lock (committed)."""
    tell = progress or (lambda **_: None)
    tell(stage="snapshot")
    with transaction(factory) as session:
        mission = session.get(Mission, mission_id)
        assert mission is not None
        joint, open_, why = _snapshot(session, mission, include_suggested)
    report = SchedulingReport(
        wanted=len(open_), placed=0, weight_wanted=sum(c.weight for c in open_), weight_placed=0
    )
    solution = Solution(joint.instance.name, "unknown", None, [None] * joint.instance.n_meetings)
    if any(m.optional for m in joint.instance.meetings):
        tell(stage="solving")
        solution = _solve(joint, report, time_limit, workers, tell)
        require_valid(joint.instance, solution, "draft")
    tell(stage="applying")
    with transaction(factory) as session:
        lock_schedule(session, mission_id)
        mission = session.get(Mission, mission_id)
        assert mission is not None
        for meeting in [m for m in mission.meetings if m.status == MeetingStatus.DRAFT]:
            mission.meetings.remove(meeting)  # a new draft replaces the previous one
        flush_checked(session)
        seated = seat_draft(session, mission, _planned(joint, solution))
        flush_checked(session)
    _fill_report(joint, solution, set(seated.placed), report)
    report.unplaced = {
        c.key: seated.left_out.get(c.key, why[c.key])
        for c in open_
        if c.key not in seated.placed and c.key not in seated.answered
    }
    return report


def _fill_report(
    joint: MissionInstance,
    solution: Solution,
    kept: set[str],
    report: SchedulingReport,
) -> None:
    """Per session: meetings placed, idle gaps, interpreters used, from what the draft kept."""
    slots: list[int | None] = list(solution.meeting_slots or [None] * joint.instance.n_meetings)
    outcomes = {
        b2b.id: SessionOutcome(
            b2b.key,
            solution.status,
            0,
            0,
            round(solution.solve_seconds, 2),
            engine=solution.engine,
            bound=solution.bound,
            gap=None
            if solution.bound is None or solution.objective is None
            else solution.objective - solution.bound,
        )
        for b2b in joint.sessions
    }
    for m, candidate in enumerate(joint.held):
        slot = slots[m]
        if candidate.published is not None or slot is None:
            continue
        if candidate.key not in kept:
            slots[m] = None  # left out when the draft was applied
            continue
        b2b, _ = joint.locate(slot)
        outcome = outcomes[b2b.id]
        outcome.placed += 1
        report.weight_placed += candidate.weight
        pair = joint.pairs[m]
        if pair:
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
