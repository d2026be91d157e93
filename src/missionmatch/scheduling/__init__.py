"""Pure scheduling core: B2B meeting schedules (no database, no web).

Public API for a service layer: build an `Instance` (see `instance.py`), call `solve(instance, ...)`,
get a `Solution` back; `check(instance, solution)` lists violations; `replan` keeps a published schedule.
"""
