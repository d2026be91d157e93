"""All of a mission's B2B sessions as one scheduling instance, so that they are decided together.

Slots are numbered across sessions in time order; each session keeps its own table count, interpreter
pools and slot times, and the time between two sessions is not an idle gap. Solving them jointly lets the
solver move a meeting to the day where both people are free, respect a participant's meeting limits over
the whole mission and leave nobody without a meeting when one was possible.
"""

from dataclasses import dataclass

from missionmatch.models import B2BSession, Participant
from missionmatch.scheduling import instance as scheduling
from missionmatch.services.interpreter_setup import canonical_pair
from missionmatch.services.scheduling_candidates import Candidate, forbidden_slots, interpreter_pair


@dataclass
class MissionInstance:
    instance: scheduling.Instance
    held: list[Candidate]  # the candidate of each instance meeting, in meeting order
    pairs: list[str | None]  # interpreter pair of each instance meeting
    sessions: list[B2BSession]
    offsets: list[int]  # first global slot of each session

    def locate(self, t: int) -> tuple[B2BSession, int]:
        """The session and its own slot number for a global slot."""
        index = max(i for i, start in enumerate(self.offsets) if start <= t)
        return self.sessions[index], t - self.offsets[index]

    def session_slots(self, b2b: B2BSession) -> range:
        index = self.sessions.index(b2b)
        return range(self.offsets[index], self.offsets[index] + b2b.slot_count)


def _meeting_pair(candidate: Candidate, sessions: list[B2BSession]) -> tuple[set[int], str | None]:
    """The sessions where the people can talk, and the interpreter pair they need there.

    A meeting needs one pair in every session; where a session could only serve it through another pair,
    that session is left out (rare: it takes people with several languages and different pools per day).
    """
    talk = {
        i: interpreter_pair(candidate.people, b2b)
        for i, b2b in enumerate(sessions)
        if len(candidate.people) <= b2b.seats  # a company meeting needs a table that seats everybody
    }
    usable = {i: pair for i, (ok, pair) in talk.items() if ok}
    if not usable:
        return set(), None
    pair = next(iter(usable.values()))
    return {i for i, p in usable.items() if p == pair}, pair


def build_mission_instance(
    sessions: list[B2BSession],
    fixed: list[Candidate],
    open_: list[Candidate],
) -> MissionInstance:
    """`fixed`: published meetings (kept in their slot); `open_`: meetings to place if possible."""
    sessions = sorted(sessions, key=lambda s: (s.starts_at, s.id))
    offsets, total = [], 0
    for b2b in sessions:
        offsets.append(total)
        total += b2b.slot_count
    people: dict[int, int] = {}
    participants: list[scheduling.Participant] = []
    meetings: list[scheduling.Meeting] = []
    held: list[Candidate] = []
    pairs: list[str | None] = []
    blocked: dict[int, frozenset[int]] = {}
    position = {b2b.id: i for i, b2b in enumerate(sessions)}
    # a published meeting stays where it is even if one of its people became unavailable then (replanning is
    # what moves it): its slot is theirs, so it must not make the whole schedule infeasible
    kept_slots: dict[int, set[int]] = {}
    for candidate in fixed:
        pub = candidate.published
        assert pub is not None and pub.slot is not None and pub.session_id is not None
        for person in candidate.people:
            kept_slots.setdefault(person.id, set()).add(offsets[position[pub.session_id]] + pub.slot)

    def index(person: Participant) -> int:
        if person.id not in people:
            people[person.id] = len(participants)
            blocked[person.id] = frozenset(
                offsets[i] + t for i, b2b in enumerate(sessions) for t in forbidden_slots(person, b2b)
            )
            participants.append(_participant(person, blocked[person.id] - kept_slots.get(person.id, set())))
        return people[person.id]

    for candidate in fixed:
        pub = candidate.published
        assert pub is not None and pub.slot is not None and pub.session_id is not None
        meetings.append(
            scheduling.Meeting(
                tuple(index(p) for p in candidate.people),
                fixed_slot=offsets[position[pub.session_id]] + pub.slot,
                interpreter=pub.interpreter,
                key=candidate.key,
            )
        )
        held.append(candidate)
        pairs.append(pub.interpreter)
    for candidate in open_:
        usable, pair = _meeting_pair(candidate, sessions)
        slots = {offsets[i] + t for i in usable for t in range(sessions[i].slot_count)}
        ids = [index(p) for p in candidate.people]
        if not slots - set().union(*(blocked[p.id] for p in candidate.people)):
            continue  # never both free when they could talk: reported as unplaced
        meetings.append(
            scheduling.Meeting(
                tuple(ids),
                optional=True,
                weight=candidate.weight,
                interpreter=pair,
                key=candidate.key,
            )
        )
        held.append(candidate)
        pairs.append(pair)
    instance = scheduling.Instance(
        name="+".join(b2b.key for b2b in sessions),
        n_slots=total,
        n_tables=max((b2b.tables for b2b in sessions), default=0),
        participants=tuple(participants),
        meetings=tuple(meetings),
        interpreters=_interpreters(sessions, pairs),
        tables_per_slot=tuple(b2b.tables for b2b in sessions for _ in range(b2b.slot_count)),
        session_starts=tuple(offsets[1:]),
        cover_everyone=True,
        seats_per_slot=tuple(b2b.seats for b2b in sessions for _ in range(b2b.slot_count)),
    )
    return MissionInstance(instance, held, pairs, sessions, offsets)


def _participant(person: Participant, forbidden: frozenset[int]) -> scheduling.Participant:
    """The person's availability and limits; hosted tables count from 1 for people, from 0 here."""
    return scheduling.Participant(
        forbidden=forbidden,
        min_meetings=person.min_meetings or 0,
        max_meetings=person.max_meetings,
        host_table=None if person.hosted_table is None else person.hosted_table - 1,
    )


def _interpreters(sessions: list[B2BSession], pairs: list[str | None]) -> dict[str, tuple[int, ...]]:
    """Per pair, interpreters in every global slot: the session's pool, or none where it has no pool."""
    out: dict[str, tuple[int, ...]] = {}
    for pair in sorted({p for p in pairs if p is not None}):
        counts: list[int] = []
        for b2b in sessions:
            have = sum(pool.count for pool in b2b.interpreters if _same_pair(pool.pair, pair))
            counts += [have] * b2b.slot_count
        out[pair] = tuple(counts)
    return out


def _same_pair(a: str, b: str) -> bool:
    return canonical_pair(*a.split("-")) == canonical_pair(*b.split("-"))
