"""A schedule and what the solver can say about it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from missionmatch.scheduling.instance import Instance

OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN = "optimal", "feasible", "infeasible", "unknown"


@dataclass
class Solution:
    instance: str
    status: str  # optimal (proven) / feasible / infeasible (proven) / unknown
    objective: int | None  # total breaks
    meeting_slots: list[int | None] | None  # per meeting; None = optional meeting not placed
    solve_seconds: float = 0.0
    bound: int | None = None  # best proven lower bound on the breaks
    tables: list[int | None] | None = None  # per meeting, when tables are assigned
    engine: str = ""
    scheduled_weight: int | None = None  # for optional meetings: weighted count placed
    notes: list[str] = field(default_factory=list)
    # without a schedule: the best placement found when time ran out (None = not placed), for a report
    partial: list[int | None] | None = None

    @property
    def has_schedule(self) -> bool:
        return self.meeting_slots is not None


def breaks_per_participant(instance: Instance, slots: list[int | None]) -> list[int]:
    """Maximal idle runs strictly between each participant's first and last meeting of a session."""
    session_of = {t: i for i, r in enumerate(instance.session_ranges()) for t in r}
    out = []
    for ms in instance.meetings_of:
        ts = sorted({t for t in (slots[m] for m in ms) if t is not None})
        out.append(
            sum(1 for a, b in itertools.pairwise(ts) if b > a + 1 and session_of.get(a) == session_of.get(b))
        )
    return out
