"""JSON I/O in the benchmark format (../shared/benchmarks/b2b-jair2022/SCHEMA.json), plus optional extras.

Extra instance keys understood (absent in the benchmark): `meeting_optional`, `meeting_weight`,
`meeting_interpreter`, `meeting_key`, `meeting_participants` (groups of > 2), `participant_min_meetings`,
`participant_max_meetings`, `host_table`, `interpreters` ({pair: [count per slot]}), `tables_per_slot`,
`session_starts` (first slot of each B2B session after the first), `cover_everyone` (true/false),
`seats_per_slot` (seats at a table in every slot: a meeting of more attendees cannot take the slot).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from missionmatch.scheduling.instance import AFTERNOON, MORNING, Instance, Meeting, Participant
from missionmatch.scheduling.solution import Solution


class InstanceError(ValueError):
    """The instance file is malformed; the message says where."""


def _int(v: Any, what: str, lo: int = 0, hi: int | None = None) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or v < lo or (hi is not None and v >= hi):
        rng = f"[{lo}, {hi})" if hi is not None else f">= {lo}"
        raise InstanceError(f"{what} must be an integer in {rng}, got {v!r}")
    return v


def _per(d: dict[str, Any], key: str, n: int, default: Any = None) -> list[Any]:
    if key not in d:
        if default is None:
            raise InstanceError(f"missing key '{key}'")
        return [default] * n
    v = d[key]
    if not isinstance(v, list) or len(v) != n:
        raise InstanceError(f"'{key}' must be a list of length {n}")
    return v


def instance_from_dict(d: Any) -> Instance:
    if not isinstance(d, dict):
        raise InstanceError("top level is not a JSON object")
    if d.get("index_base", 0) != 0:
        raise InstanceError("only 0-based instances (index_base 0) are supported")
    for k in ("n_participants", "n_slots", "n_tables", "meetings"):
        if k not in d:
            raise InstanceError(f"missing key '{k}'")
    n_p = _int(d["n_participants"], "n_participants")
    n_t = _int(d["n_slots"], "n_slots", lo=1)
    n_l = _int(d["n_tables"], "n_tables")
    morning = d.get("n_morning_slots")
    if morning is not None:
        _int(morning, "n_morning_slots", 0, n_t + 1)
    raw = d.get("meeting_participants", d["meetings"])
    if not isinstance(raw, list):
        raise InstanceError("'meetings' must be a list")
    n_m = len(raw)
    if "n_meetings" in d and d["n_meetings"] != n_m:
        raise InstanceError(f"n_meetings={d['n_meetings']!r} but {n_m} meetings are listed")
    sess = _per(d, "meeting_session", n_m)
    fixed = _per(d, "fixed_slot", n_m)
    prec = _per(d, "precedences", n_m)
    forb = _per(d, "forbidden_slots", n_p)
    opt = _per(d, "meeting_optional", n_m, False)
    weight = _per(d, "meeting_weight", n_m, 1)
    interp = _per(d, "meeting_interpreter", n_m, "")
    keys = _per(d, "meeting_key", n_m, "")
    windows: list[Any] = _per(d, "meeting_window", n_m) if "meeting_window" in d else [None] * n_m
    meetings = []
    for m, group in enumerate(raw):
        if not isinstance(group, list) or len(group) < 2 or len(set(group)) != len(group):
            raise InstanceError(f"meeting {m} = {group!r} must list at least two distinct participants")
        ps = tuple(_int(x, f"meeting {m} participant", 0, n_p) for x in group)
        if sess[m] not in (None, MORNING, AFTERNOON):
            raise InstanceError(f"meeting_session[{m}] = {sess[m]!r} (allowed: null, 'morning', 'afternoon')")
        if sess[m] is not None and morning is None:
            raise InstanceError("meeting sessions are restricted but n_morning_slots is missing")
        fx = None if fixed[m] is None else _int(fixed[m], f"fixed_slot[{m}]", 0, n_t)
        if not isinstance(prec[m], list):
            raise InstanceError(f"precedences[{m}] must be a list")
        after = tuple(_int(x, f"precedences[{m}] entry", 0, n_m) for x in prec[m])
        if m in after:
            raise InstanceError(f"precedences[{m}] lists the meeting itself")
        w = _int(weight[m], f"meeting_weight[{m}]", 1)
        if windows[m] is not None and not isinstance(windows[m], list):
            raise InstanceError(f"meeting_window[{m}] must be null or a list of slots")
        window = (
            None
            if windows[m] is None
            else frozenset(_int(x, f"meeting_window[{m}] entry", 0, n_t) for x in windows[m])
        )
        meetings.append(
            Meeting(ps, sess[m], fx, after, bool(opt[m]), w, interp[m] or None, keys[m] or None, window)
        )
    mins = _per(d, "participant_min_meetings", n_p, 0)
    maxs = _per(d, "participant_max_meetings", n_p, -1)
    hosts = _per(d, "host_table", n_p, -1)
    parts = []
    for p in range(n_p):
        if not isinstance(forb[p], list):
            raise InstanceError(f"forbidden_slots[{p}] must be a list")
        fs = frozenset(_int(x, f"forbidden_slots[{p}] entry", 0, n_t) for x in forb[p])
        mx = None if maxs[p] in (None, -1) else _int(maxs[p], f"participant_max_meetings[{p}]")
        host = None if hosts[p] in (None, -1) else _int(hosts[p], f"host_table[{p}]", 0, n_l)
        parts.append(Participant(fs, _int(mins[p], f"participant_min_meetings[{p}]"), mx, host))
    interpreters = d.get("interpreters", {})
    if not isinstance(interpreters, dict) or any(
        not isinstance(v, list) or len(v) != n_t for v in interpreters.values()
    ):
        raise InstanceError("'interpreters' must map a language pair to a list of n_slots counts")
    per_slot = d.get("tables_per_slot")
    if per_slot is not None:
        if not isinstance(per_slot, list) or len(per_slot) != n_t:
            raise InstanceError(f"'tables_per_slot' must be a list of length {n_t}")
        per_slot = tuple(_int(x, "tables_per_slot entry") for x in per_slot)
    starts = d.get("session_starts", [])
    if not isinstance(starts, list):
        raise InstanceError("'session_starts' must be a list")
    starts = tuple(_int(x, "session_starts entry", 1, n_t) for x in starts)
    seats = d.get("seats_per_slot")
    if seats is not None:
        if not isinstance(seats, list) or len(seats) != n_t:
            raise InstanceError(f"'seats_per_slot' must be a list of length {n_t}")
        seats = tuple(_int(x, "seats_per_slot entry", 2) for x in seats)
    return Instance(
        str(d.get("name") or "instance"),
        n_t,
        n_l,
        tuple(parts),
        tuple(meetings),
        morning,
        {k: tuple(v) for k, v in interpreters.items()},
        per_slot,
        starts,
        bool(d.get("cover_everyone", False)),
        seats,
    )


def load_instance(path: str | Path) -> Instance:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InstanceError(f"instance file not found: {path}") from e
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InstanceError(f"cannot read instance {path}: {e}") from e
    inst = instance_from_dict(data)
    if not data.get("name"):
        inst = dataclasses.replace(inst, name=Path(path).stem)
    return inst


def solution_to_dict(sol: Solution) -> dict[str, Any]:
    """The benchmark README's solution format (extra keys are ignored by the referee)."""
    out: dict[str, Any] = {
        "instance": sol.instance,
        "status": sol.status,
        "objective": sol.objective,
        "meeting_slots": sol.meeting_slots,
        "solve_seconds": round(sol.solve_seconds, 3),
    }
    if sol.bound is not None:
        out["bound"] = sol.bound
    if sol.engine:
        out["engine"] = sol.engine
    if sol.tables is not None:
        out["tables"] = sol.tables
    if sol.scheduled_weight is not None:
        out["scheduled_weight"] = sol.scheduled_weight
    return out


def write_solution(sol: Solution, path: str | Path) -> None:
    Path(path).write_text(json.dumps(solution_to_dict(sol)) + "\n", encoding="utf-8")


def instance_to_dict(inst: Instance) -> dict[str, Any]:
    """The inverse of `instance_from_dict`: benchmark keys, plus the extras only when used."""
    ms, ps = inst.meetings, inst.participants
    out: dict[str, Any] = {
        "name": inst.name,
        "index_base": 0,
        "n_participants": inst.n_participants,
        "n_meetings": inst.n_meetings,
        "n_slots": inst.n_slots,
        "n_tables": inst.n_tables,
        "meetings": [list(mt.participants) for mt in ms],
        "meeting_session": [mt.session for mt in ms],
        "fixed_slot": [mt.fixed_slot for mt in ms],
        "precedences": [list(mt.after) for mt in ms],
        "forbidden_slots": [sorted(p.forbidden) for p in ps],
    }
    if inst.n_morning_slots is not None:
        out["n_morning_slots"] = inst.n_morning_slots
    extras: dict[str, list[Any]] = {
        "meeting_optional": [mt.optional for mt in ms],
        "meeting_weight": [mt.weight for mt in ms],
        "meeting_interpreter": [mt.interpreter or "" for mt in ms],
        "meeting_key": [mt.key or "" for mt in ms],
        "meeting_window": [None if mt.window is None else sorted(mt.window) for mt in ms],
        "participant_min_meetings": [p.min_meetings for p in ps],
        "participant_max_meetings": [-1 if p.max_meetings is None else p.max_meetings for p in ps],
        "host_table": [-1 if p.host_table is None else p.host_table for p in ps],
    }
    defaults = {
        "meeting_optional": False,
        "meeting_weight": 1,
        "meeting_interpreter": "",
        "meeting_key": "",
        "meeting_window": None,
        "participant_min_meetings": 0,
        "participant_max_meetings": -1,
        "host_table": -1,
    }
    out.update({k: v for k, v in extras.items() if any(x != defaults[k] for x in v)})
    if inst.interpreters:
        out["interpreters"] = {k: list(v) for k, v in inst.interpreters.items()}
    if inst.tables_per_slot is not None:
        out["tables_per_slot"] = list(inst.tables_per_slot)
    if inst.session_starts:
        out["session_starts"] = list(inst.session_starts)
    if inst.cover_everyone:
        out["cover_everyone"] = True
    if inst.seats_per_slot is not None:
        out["seats_per_slot"] = list(inst.seats_per_slot)
    return out
