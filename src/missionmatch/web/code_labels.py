"""Codes turned into words at the edge, one function per kind, so that no page shows "no_show", "optimal" or
a session key such as "b2b-osaka1-1" (sectors: templating.sector_label)."""

from enum import StrEnum

from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.models import Mission

MEETING_STATUSES = {
    "draft": _("Draft"),
    "published": _("Published"),
    "cancelled": _("Cancelled"),
    "held": _("Held"),
    "no_show": _("No-show"),
}
SOLVER_STATUSES = {
    "optimal": _("optimal"),
    "feasible": _("feasible, not proven optimal"),
    "infeasible": _("infeasible"),
    "unknown": _("stopped before finding a schedule"),
}


def _code(value: str | StrEnum) -> str:
    return value.value if isinstance(value, StrEnum) else value


def meeting_status_label(status: str | StrEnum, t: Translator) -> str:
    """A meeting's status in the viewer's language; an unknown code as it is."""
    code = _code(status)
    return t.gettext(MEETING_STATUSES[code]) if code in MEETING_STATUSES else code


def solver_status_label(status: str, t: Translator) -> str:
    code = _code(status)
    return t.gettext(SOLVER_STATUSES[code]) if code in SOLVER_STATUSES else code


def session_label(mission: Mission, key: str | None) -> str:
    """A B2B session's name (in the viewer's language when rendered) for its key; the key if none has it."""
    for b2b in mission.b2b_sessions:
        if b2b.key == key:
            return b2b.name
    return key or ""
