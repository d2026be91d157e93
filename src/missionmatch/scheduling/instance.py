"""The scheduling problem, as pure data.

Defaults give exactly the JAIR 2022 benchmark semantics (every meeting mandatory, two people, no
interpreters, no hosted tables); the optional fields carry what real missions need.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

MORNING = "morning"
AFTERNOON = "afternoon"


@dataclass(frozen=True)
class Meeting:
    participants: tuple[int, ...]
    session: str | None = None  # None, "morning" or "afternoon"
    fixed_slot: int | None = None
    after: tuple[int, ...] = ()  # meeting ids that must be held strictly earlier
    optional: bool = False  # benchmark meetings are mandatory
    weight: int = 1  # priority of an optional meeting (mutual request > one-sided > suggested)
    interpreter: str | None = None  # language pair needing an interpreter, e.g. "fr-ja"
    key: str | None = None  # stable identity across replans (defaults to the meeting index)
    window: frozenset[int] | None = None  # the only slots it may take (None: any)


@dataclass(frozen=True)
class Participant:
    forbidden: frozenset[int] = frozenset()  # availability: company visits, arrival, departure
    min_meetings: int = 0
    max_meetings: int | None = None
    host_table: int | None = None  # "hosted table": every meeting of this participant takes it


@dataclass(frozen=True)
class Instance:
    name: str
    n_slots: int
    n_tables: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    n_morning_slots: int | None = None  # None: no morning/afternoon split
    interpreters: dict[str, tuple[int, ...]] = field(default_factory=dict)  # pair -> count per slot
    # several B2B sessions solved jointly: slots are numbered across sessions; a session may have fewer
    # tables, and the time between two sessions is not an idle gap (breaks restart at a session start)
    tables_per_slot: tuple[int, ...] | None = None  # None: n_tables in every slot
    session_starts: tuple[int, ...] = ()  # first slot of every session after the first
    # fairness of real missions: first give a meeting to as many people as possible, then weigh
    cover_everyone: bool = False
    # company meetings: seats at a table per slot; a meeting of more attendees cannot take that slot
    seats_per_slot: tuple[int, ...] | None = None  # None: any number (the benchmark's pairs)

    @property
    def n_participants(self) -> int:
        return len(self.participants)

    @property
    def n_meetings(self) -> int:
        return len(self.meetings)

    def tables_at(self, t: int) -> int:
        return self.n_tables if self.tables_per_slot is None else self.tables_per_slot[t]

    def session_ranges(self) -> list[range]:
        """The slot ranges within which idle runs count as breaks."""
        cuts = [0, *sorted(s for s in self.session_starts if 0 < s < self.n_slots), self.n_slots]
        return [range(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def meeting_key(self, m: int) -> str:
        return self.meetings[m].key or str(m)

    @cached_property
    def meetings_of(self) -> tuple[tuple[int, ...], ...]:
        """Per participant, the ids of the meetings it attends."""
        out: list[list[int]] = [[] for _ in self.participants]
        for m, mt in enumerate(self.meetings):
            for p in mt.participants:
                out[p].append(m)
        return tuple(tuple(x) for x in out)

    def allowed_slots(self, m: int) -> list[int]:
        """Slots meeting m may take given sessions, availability and fixing (not interactions)."""
        mt = self.meetings[m]
        if mt.fixed_slot is not None:
            slots: Sequence[int] = [mt.fixed_slot]
        else:
            slots = range(self.n_slots)
        split = self.n_slots if self.n_morning_slots is None else self.n_morning_slots
        out = []
        for t in slots:
            if mt.window is not None and t not in mt.window:
                continue
            if mt.session == MORNING and t >= split:
                continue
            if mt.session == AFTERNOON and t < split:
                continue
            if any(t in self.participants[p].forbidden for p in mt.participants):
                continue
            if not self.seats_meeting(m, t):
                continue
            if any(self._table_missing(p, t) for p in mt.participants):
                continue  # a host's own table does not exist in this session
            out.append(t)
        return out

    def seats_meeting(self, m: int, t: int) -> bool:
        """Whether a table of slot t seats every attendee of meeting m."""
        return self.seats_per_slot is None or len(self.meetings[m].participants) <= self.seats_per_slot[t]

    def _table_missing(self, p: int, t: int) -> bool:
        host = self.participants[p].host_table
        return host is not None and host >= self.tables_at(t)

    @property
    def is_benchmark_model(self) -> bool:
        """True when only the benchmark's features are used (the MaxSAT encoding supports exactly these)."""
        return (
            not self.interpreters
            and self.tables_per_slot is None
            and not self.session_starts
            and not self.cover_everyone
            and self.seats_per_slot is None
            and all(not mt.optional and mt.interpreter is None and mt.window is None for mt in self.meetings)
            and all(
                p.min_meetings == 0 and p.max_meetings is None and p.host_table is None
                for p in self.participants
            )
        )

    def trivially_break_free(self) -> list[int]:
        """Participants whose breaks are 0 in every schedule: <= 1 meeting, or a meeting in every slot."""
        return [
            p
            for p, ms in enumerate(self.meetings_of)
            if all(not self.meetings[m].optional for m in ms) and (len(ms) <= 1 or len(ms) == self.n_slots)
        ]
