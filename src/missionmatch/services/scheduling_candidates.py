"""Which meetings a mission wants placed, how much each is worth, and who is free when."""

import datetime as dt
from dataclasses import dataclass
from itertools import combinations

from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission, Participant, Recommendation
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.models.meeting import SETTLED

# Priorities of the issue: mutual request > one-sided request > suggestion; a request's own priority (1-3)
# orders requests of the same kind. Gaps keep one mutual request worth more than two one-sided ones.
SUGGESTED_WEIGHT = 1
ONE_SIDED_WEIGHT = 10
MUTUAL_WEIGHT = 40
# a must-meet meeting (organisers' own, services/request_steering.py) outweighs every other meeting to place
# together: after giving everybody a meeting, the solver places all it can of them before anything else


SOURCES = ("suggested", "request", "mutual", "must_meet")  # what a meeting answering several requests is


@dataclass
class Candidate:
    """A meeting to place: from accepted requests, from the matcher's suggestions, or already published."""

    key: str
    people: tuple[Participant, ...]
    weight: int
    request: MeetingRequest | None = None
    published: Meeting | None = None  # kept where it is: a fixed meeting for the solver
    source: str = "request"  # request | mutual | must_meet | suggested | published


def candidates(mission: Mission, recommendations: list[Recommendation]) -> list[Candidate]:
    published: list[Candidate] = []
    wanted: dict[frozenset[int], Candidate] = {}
    for meeting in mission.meetings:
        if meeting.status in SETTLED and meeting.placed:
            published.append(
                Candidate(
                    meeting.key,
                    tuple(meeting.participants),
                    MUTUAL_WEIGHT,
                    meeting.request,
                    meeting,
                    "published",
                )
            )
    # any two people already at the same table have met: a request between them is answered
    covered = {frozenset(pair) for c in published for pair in combinations([p.id for p in c.people], 2)}
    accepted = [r for r in mission.meeting_requests if r.status == RequestStatus.ACCEPTED]
    directions = {(r.requester_id, r.recipient_id) for r in accepted}
    asked: set[frozenset[int]] = set()  # pairs sitting together in a wanted meeting
    met = {_organisations(c.people) for c in published}
    # once accepted, a request's meeting says who comes (organisers may have changed it since)
    chosen = {
        m.request_id: tuple(m.participants) for m in mission.meetings if m.status == MeetingStatus.DRAFT
    }
    # must-meet meetings first (a pair's must-meet counts), then company meetings (most attendees), so that a
    # person's own request within one is answered by it
    for request in sorted(accepted, key=lambda r: (not r.must_meet, -len(r.attendees), r.id)):
        pair = frozenset((request.requester_id, request.recipient_id))
        if pair in covered or pair in asked:
            continue
        mutual = (request.recipient_id, request.requester_id) in directions
        base = MUTUAL_WEIGHT if mutual else ONE_SIDED_WEIGHT
        source = "must_meet" if request.must_meet else "mutual" if mutual else "request"
        people = chosen.get(request.id) or tuple(request.attendees)
        joined = _join_company(wanted, people, (request.requester, request.recipient), mission.b2b_sessions)
        if joined is not None:  # the two companies meet already: one meeting answers both requests
            joined.weight += base + request.priority
            joined.source = max(joined.source, source, key=SOURCES.index)
        else:
            joined = Candidate(request.key, people, base + request.priority, request, None, source)
            wanted[pair] = joined
        asked |= _pairs(joined.people)
    for item in recommendations:
        pair = frozenset((item.participant_id, item.candidate_id))
        if not item.suggested_meeting or pair in covered or pair in asked:
            continue
        people = tuple(sorted((item.participant, item.candidate), key=lambda p: p.id))
        organisations = _organisations(people)
        if organisations in met:
            continue  # the two companies meet already (published): no second meeting for a suggestion
        joined = _join_company(wanted, people, people, mission.b2b_sessions)
        if joined is None and any(
            _organisations(c.people) == organisations and _can_talk(c.people, mission.b2b_sessions)
            for c in wanted.values()
        ):
            continue  # their companies meet already, at a full table: the suggestion is dropped
        if joined is None:
            joined = Candidate(
                f"s-{people[0].key}-{people[1].key}", people, SUGGESTED_WEIGHT, source="suggested"
            )
            wanted[pair] = joined
        asked |= _pairs(joined.people)
    _must_meet_first(list(wanted.values()))
    return published + list(wanted.values())


def _organisations(people: tuple[Participant, ...]) -> frozenset[int]:
    return frozenset(p.organisation_id for p in people)


def _pairs(people: tuple[Participant, ...]) -> set[frozenset[int]]:
    return {frozenset(two) for two in combinations([p.id for p in people], 2)}


def _can_talk(people: tuple[Participant, ...], sessions: list[B2BSession]) -> bool:
    return not sessions or any(interpreter_pair(people, b2b)[0] for b2b in sessions)


def _join_company(
    wanted: dict[frozenset[int], Candidate],
    people: tuple[Participant, ...],
    core: tuple[Participant, ...],
    sessions: list[B2BSession],
) -> Candidate | None:
    """The wanted meeting between the same two organisations, which `people` join (or, were the table too
    small for them all, at least the `core` pair): a host meets a company once, not each representative."""
    organisations = _organisations(people)
    seats = min((b2b.seats for b2b in sessions), default=2)
    for candidate in wanted.values():
        if _organisations(candidate.people) != organisations:
            continue
        for joining in (people, core):
            together = tuple(
                sorted({p.id: p for p in (*candidate.people, *joining)}.values(), key=lambda p: p.id)
            )
            # seats permitting, and only if they can all talk (a common language or an interpreter pool)
            if len(together) <= seats and _can_talk(together, sessions):
                candidate.people = together
                return candidate
    return None


def _must_meet_first(open_: list[Candidate]) -> None:
    must = [c for c in open_ if c.source == "must_meet"]
    others = sum(c.weight for c in open_ if c.source != "must_meet")
    for candidate in must:
        candidate.weight = others + 1


def busy_windows(participant: Participant) -> list[tuple[dt.datetime, dt.datetime]]:
    windows = [(item.starts_at, item.ends_at) for item in participant.programme_items]
    windows += [(w.starts_at, w.ends_at) for w in participant.unavailability]
    if participant.arrives_at:
        windows.append((dt.datetime.min, participant.arrives_at))
    if participant.departs_at:
        windows.append((participant.departs_at, dt.datetime.max))
    return windows


def forbidden_slots(participant: Participant, session: B2BSession) -> frozenset[int]:
    windows = busy_windows(participant)
    return frozenset(
        index
        for index, (start, end) in enumerate(session.slot_times())
        if any(start < until and since < end for since, until in windows)
    )


def interpreter_pair(people: tuple[Participant, ...], session: B2BSession) -> tuple[bool, str | None]:
    """(can they talk, interpreter pair needed): a common language needs no interpreter."""
    spoken = [set(p.languages) | ({p.profile.language} if p.profile else set()) for p in people]
    if set.intersection(*spoken):
        return True, None
    for pool in session.interpreters:
        if pool.count and any(
            pool.language_a in a and pool.language_b in b  # both orders: (a, b) runs over ordered pairs
            for a in spoken
            for b in spoken
            if a is not b
        ):
            return True, pool.pair
    return False, None


def new_meeting_key(mission: Mission, candidate_key: str) -> str:
    """`m-<request key>`, with a suffix when a cancelled meeting of the same request already holds it."""
    taken = {m.key for m in mission.meetings}
    key, number = f"m-{candidate_key}", 2
    while key in taken:
        key, number = f"m-{candidate_key}-{number}", number + 1
    return key
