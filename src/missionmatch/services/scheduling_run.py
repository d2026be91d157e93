"""Places a mission's wanted meetings into its B2B sessions as a draft schedule.

Sessions are solved one after the other in time order, each exactly (CP-SAT: most valuable meetings first,
then fewest idle gaps); what a session could not hold is offered to the next one. Published meetings stay
where they are.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, Meeting, Mission, Recommendation
from missionmatch.models.enums import MeetingStatus
from missionmatch.scheduling import instance as scheduling
from missionmatch.scheduling.portfolio import solve
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

    def as_dict(self) -> dict:
        return {
            "wanted": self.wanted,
            "placed": self.placed,
            "weight_wanted": self.weight_wanted,
            "weight_placed": self.weight_placed,
            "unplaced": self.unplaced,
            "sessions": [vars(outcome) for outcome in self.sessions],
        }


def _session_instance(b2b: B2BSession, fixed: list[Candidate], open_: list[Candidate]):
    """The instance for one session, the candidates it holds (in meeting order) and their interpreters."""
    people: dict[int, int] = {}
    participants: list[scheduling.Participant] = []
    meetings: list[scheduling.Meeting] = []
    held: list[Candidate] = []
    pairs: list[str | None] = []

    def index(person) -> int:  # type: ignore[no-untyped-def]
        if person.id not in people:
            people[person.id] = len(participants)
            participants.append(scheduling.Participant(forbidden=forbidden_slots(person, b2b)))
        return people[person.id]

    for candidate in fixed:
        pub = candidate.published
        meetings.append(
            scheduling.Meeting(
                tuple(index(p) for p in candidate.people),
                fixed_slot=pub.slot,
                interpreter=pub.interpreter,
                key=candidate.key,
            )
        )
        held.append(candidate)
        pairs.append(pub.interpreter)
    for candidate in open_:
        can_talk, pair = interpreter_pair(candidate.people, b2b)
        blocked = set().union(*(forbidden_slots(p, b2b) for p in candidate.people))
        if not can_talk or len(blocked) >= b2b.slot_count:
            continue  # not in this session; maybe in another
        meetings.append(
            scheduling.Meeting(
                tuple(index(p) for p in candidate.people),
                optional=True,
                weight=candidate.weight,
                interpreter=pair,
                key=candidate.key,
            )
        )
        held.append(candidate)
        pairs.append(pair)
    interpreters = {pool.pair: (pool.count,) * b2b.slot_count for pool in b2b.interpreters}
    instance = scheduling.Instance(
        name=b2b.key,
        n_slots=b2b.slot_count,
        n_tables=b2b.tables,
        participants=tuple(participants),
        meetings=tuple(meetings),
        interpreters=interpreters,
    )
    return instance, held, pairs


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
    for b2b in mission.b2b_sessions:
        fixed = [c for c in wanted if c.published is not None and c.published.session_id == b2b.id]
        instance, held, pairs = _session_instance(b2b, fixed, open_)
        if not any(m.optional for m in instance.meetings):
            continue
        solution = solve(instance, fairness=None, time_limit=time_limit, workers=workers)
        outcome = SessionOutcome(
            b2b.key, solution.status, 0, solution.objective, round(solution.solve_seconds, 2)
        )
        for m, candidate in enumerate(held):
            slot = solution.meeting_slots[m] if solution.meeting_slots else None
            if candidate.published is not None or slot is None:
                continue
            mission.meetings.append(
                Meeting(
                    key=new_meeting_key(mission, candidate),
                    participants=list(candidate.people),
                    request=candidate.request,
                    session=b2b,
                    slot=slot,
                    table=solution.tables[m] if solution.tables else None,
                    interpreter=pairs[m],
                    status=MeetingStatus.DRAFT,
                )
            )
            open_.remove(candidate)
            outcome.placed += 1
            report.weight_placed += candidate.weight
            if pairs[m]:
                outcome.interpreters_used[pairs[m]] = outcome.interpreters_used.get(pairs[m], 0) + 1
        report.placed += outcome.placed
        report.sessions.append(outcome)
    report.unplaced = {c.key: _why_unplaced(c, list(mission.b2b_sessions)) for c in open_}
    session.flush()
    return report
