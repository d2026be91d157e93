"""Replanning with minimal change: keep as many published meetings in place as possible.

(Named `replanner`, not `replan`: a submodule named like the package's `replan` function would replace that
function on the package when imported.)

Changes (a cancellation, a no-show, a new accepted request, a removed slot) are expressed by editing the
instance; meetings are matched to the published schedule by `Meeting.key`. Lexicographic objective:
weighted optional meetings placed, then meetings moved or dropped, then breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from missionmatch.scheduling.cpsat_model import CpsatModel
from missionmatch.scheduling.cpsat_solve import Progress, solve_cpsat
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.solution import Solution


@dataclass(frozen=True)
class Move:
    key: str
    old_slot: int
    new_slot: int | None  # None: dropped (an optional meeting that no longer fits)


@dataclass
class ReplanResult:
    solution: Solution
    moved: list[Move]  # published meetings now elsewhere (or dropped), exactly
    kept: list[str]  # keys of published meetings in their old slot
    added: list[str]  # keys of meetings that were not in the published schedule and are now placed
    removed: list[str]  # published keys that no longer exist in the instance (cancelled)


def replan(
    instance: Instance,
    published: Mapping[str, int],
    fairness: int | None = None,
    time_limit: float = 30.0,
    workers: int = 1,
    progress: Progress | None = None,
) -> ReplanResult:
    """`published` maps meeting key -> slot of the schedule people already received.

    Fairness defaults to none here: a published agenda should not be reshuffled to even out breaks.
    """
    keys = [instance.meeting_key(m) for m in range(instance.n_meetings)]
    old = {m: published[k] for m, k in enumerate(keys) if k in published}

    session_of = {t: r for r in instance.session_ranges() for t in r}

    def moves(cm: CpsatModel):
        # a meeting counts as moved unless it sits in its old slot (which may no longer be allowed); moving
        # it to another session (another day) counts once more, so that happens only when its own cannot do
        stay = [1 - cm.x[m][t] if t in cm.x[m] else 1 for m, t in old.items()]
        away = [v for m, t in old.items() for t2, v in cm.x[m].items() if t2 not in session_of.get(t, ())]
        return sum(stay) + sum(away)

    hint = [old.get(m) for m in range(instance.n_meetings)]
    sol = solve_cpsat(instance, fairness, time_limit, workers, progress, extra_stages=[moves], hint=hint)
    slots = sol.meeting_slots or [None] * instance.n_meetings
    moved = [Move(keys[m], t, slots[m]) for m, t in sorted(old.items()) if slots[m] != t]
    kept = [keys[m] for m, t in sorted(old.items()) if slots[m] == t]
    added = [keys[m] for m in range(instance.n_meetings) if m not in old and slots[m] is not None]
    removed = sorted(set(published) - set(keys))
    return ReplanResult(sol, moved, kept, added, removed)
