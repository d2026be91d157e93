"""The independent checker on what a solver hands back, before any of it is stored.

The engines report their own objective; `scheduling.checker` recomputes everything from the instance. A
schedule it finds fault with is a solver bug: it is refused here with the violations named, never stored
as a draft (the previous draft and everything published stay as they were).
"""

from missionmatch.scheduling import checker
from missionmatch.scheduling.instance import Instance
from missionmatch.scheduling.solution import Solution


class ScheduleRejected(RuntimeError):
    """The solver's schedule breaks the instance's rules (the message names the first violations)."""


def require_valid(instance: Instance, solution: Solution, what: str) -> None:
    """Raises `ScheduleRejected` unless `solution` (when it holds a schedule) passes the checker."""
    if solution.meeting_slots is None:
        return
    problems = checker.check(instance, solution)
    if problems:
        shown = "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
        raise ScheduleRejected(
            f"the {what} was not stored: the {solution.engine or 'solver'} schedule breaks the rules: {shown}"
        )
