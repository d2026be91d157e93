"""The reasons a hand placement is refused (`services.placement_rules.Refusal`), in the viewer's language."""

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from missionmatch.clock import wall_with_offset
from missionmatch.i18n import mark as _
from missionmatch.services.placement_rules import Refusal
from missionmatch.web.i18n import Translator, minute_pattern

MESSAGES = {
    "slot_outside": _("Slot %(slot)s is outside %(session)s, which has %(count)s slots."),
    "table_outside": _("Table %(table)s does not exist in %(session)s, which has %(count)s tables."),
    "table_taken": _("Table %(table)s is already taken at %(time)s (%(names)s)."),
    "hosted_table": _("%(name)s keeps table %(table)s."),
    "tables_full": _("All %(count)s tables are taken at %(time)s."),
    "clash": _("%(name)s is already in a meeting at %(time)s (table %(table)s)."),
    "programme": _("%(name)s is at “%(item)s” (programme) at %(time)s."),
    "unavailable": _("%(name)s is unavailable from %(since)s to %(until)s: %(reason)s."),
    "unavailable_no_reason": _("%(name)s is unavailable from %(since)s to %(until)s."),
    "not_arrived": _("%(name)s only arrives at %(when)s."),
    "departed": _("%(name)s leaves at %(when)s."),
    "no_language": _("%(names)s share no language and %(session)s has no interpreter for them."),
    "interpreter": _("No %(pair)s interpreter is left at %(time)s."),
    "seats": _("%(size)s attendees do not fit at a table of %(session)s, which seats %(count)s."),
    "rule": _("Not possible: %(reason)s"),
    "attendees_sides": _("A meeting needs at least one attendee from the delegation and one from the hosts."),
    "request_parties": _("%(names)s asked for or accepted this meeting and stay among its attendees."),
    "attendees_fixed": _("Only draft and published meetings can change attendees (this one is %(status)s)."),
    "attendee_erased": _("%(name)s was erased from the mission and cannot attend."),
    "attendee_withdrawn": _(
        "%(name)s has withdrawn from the mission and cannot attend (the organisers can undo the withdrawal)."
    ),
    "not_movable": _("Only draft and published meetings can be moved (this one is %(status)s)."),
    "not_accepted": _("Only accepted requests can be placed (this one is %(status)s)."),
    "already_placed": _("This request already has a meeting in the schedule (%(meeting)s)."),
    "not_published": _("This meeting is still a draft: publish the schedule before recording its outcome."),
    "gone": _("This meeting no longer exists: someone removed it meanwhile."),
    "conflict": _(
        "Someone changed the schedule meanwhile and this change would now double-book a table or a "
        "participant. Reload the schedule and try again."
    ),
    "changed_meanwhile": _(
        "The schedule changed while replanning ran (%(keys)s); nothing was written. Run replanning again."
    ),
    "not_draft": _(
        "Only draft meetings can be removed; cancel a published one instead (this one is %(status)s)."
    ),
}


def _moment(t: Translator, name: str, value: dt.datetime, timezone: str) -> str:
    """A slot's start as a time of day (the page names the session and its day); other moments (absences,
    arrival, departure) with their day, in the locale's own date-time pattern ("May 27, 2025, 3:00 PM",
    "27 mai 2025, 15:00", "2025/05/27 15:00"). Both in the viewer's zone, which the page names nearby."""
    if name == "time":
        return t.time(value, timezone)
    moment = wall_with_offset(value, timezone)
    shown = ZoneInfo(t.shown_zone(timezone))
    return format_datetime(moment, minute_pattern(t.language), tzinfo=shown, locale=t.language)


def refusal_text(t: Translator, refusal: Refusal, timezone: str) -> str:
    values = {
        name: _moment(t, name, value, timezone) if isinstance(value, dt.datetime) else value
        for name, value in refusal.values.items()
    }
    code = refusal.code
    if code == "unavailable" and not refusal.values.get("reason"):
        code = "unavailable_no_reason"
    return t.gettext(MESSAGES[code], **values)


def refusal_texts(t: Translator, refusals: list[Refusal], timezone: str) -> list[str]:
    return [refusal_text(t, refusal, timezone) for refusal in refusals]
