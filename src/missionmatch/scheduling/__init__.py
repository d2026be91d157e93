"""Pure scheduling core: B2B meeting schedules (no database, no web imports).

Public API for a service layer:
  - build an `Instance` (participants, meetings, slots, tables, optional real-mission fields);
  - `solve(instance, fairness=2, time_limit=60, workers=2) -> Solution` (status, objective = total breaks,
    meeting_slots per meeting with None for an unplaced optional meeting, tables, scheduled_weight);
  - `check(instance, solution, fairness) -> list[str]` (empty = valid);
  - `replan(instance, published_slots_by_key) -> ReplanResult` (exactly what moved);
  - `blocking_reasons(instance, slots, m)` ("why was this meeting not placed there").
Heavy solver modules are imported lazily so importing this package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from missionmatch.scheduling.checker import check
from missionmatch.scheduling.instance import Instance, Meeting, Participant
from missionmatch.scheduling.io import InstanceError, instance_from_dict, load_instance, solution_to_dict
from missionmatch.scheduling.solution import Solution

if TYPE_CHECKING:
    from missionmatch.scheduling.replanner import ReplanResult

__all__ = [
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Solution",
    "blocking_reasons",
    "check",
    "instance_from_dict",
    "load_instance",
    "replan",
    "solution_to_dict",
    "solve",
]


def solve(
    instance: Instance,
    fairness: int | None = 2,
    time_limit: float = 60.0,
    workers: int = 2,
    progress: Any = None,
) -> Solution:
    from missionmatch.scheduling.portfolio import solve as _solve

    return _solve(instance, fairness, time_limit, workers, progress)


def replan(
    instance: Instance,
    published: dict[str, int],
    fairness: int | None = None,
    time_limit: float = 30.0,
    workers: int = 1,
) -> ReplanResult:
    from missionmatch.scheduling.replanner import replan as _replan

    return _replan(instance, published, fairness, time_limit, workers)


def blocking_reasons(instance: Instance, slots: list[int | None], m: int) -> dict[int, list[str]]:
    from missionmatch.scheduling.explain import blocking_reasons as _br

    return _br(instance, slots, m)
