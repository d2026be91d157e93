"""Bulk actions in words, in the viewer's language: what the confirmation asks, what was done to whom, and
why a batch was refused (one line a row)."""

from missionmatch.services.bulk_actions import BulkOutcome, BulkProblem
from missionmatch.services.person_names import display_name
from missionmatch.web.i18n import Translator


def _limit(t: Translator, value: str) -> str:
    return value or t.gettext("no limit")


def _zone(t: Translator, value: str) -> str:
    return value or t.gettext("the mission's time zone")


def field_name(t: Translator, action: str) -> str:
    """The field a bulk change sets, as a refusal names it."""
    names = {
        "max_meetings": t.gettext("Meetings accepted at most"),
        "min_meetings": t.gettext("Meetings wished at least"),
        "add_language": t.gettext("Languages spoken"),
        "remove_language": t.gettext("Languages spoken"),
        "timezone": t.gettext("Time zone"),
    }
    return names.get(action, action)


def action_label(t: Translator, action: str, value: str) -> str:
    """The confirmation's question, before the list of names."""
    language = t.language_name(value.strip().lower())
    labels = {
        "invite": t.gettext("Send a sign-in link to each of these participants?"),
        "check_in": t.gettext("Check these participants in?"),
        "withdraw": t.gettext(
            "Withdraw these participants? Their meetings still to come and their open requests are cancelled."
        ),
        "max_meetings": t.gettext(
            "Set the meetings these participants accept at most to %(value)s?", value=_limit(t, value)
        ),
        "min_meetings": t.gettext(
            "Set the meetings these participants wish at least to %(value)s?", value=_limit(t, value)
        ),
        "add_language": t.gettext(
            "Add %(language)s to the languages these participants speak?", language=language
        ),
        "remove_language": t.gettext(
            "Remove %(language)s from the languages these participants speak?", language=language
        ),
        "timezone": t.gettext("Set the time zone of these participants to %(value)s?", value=_zone(t, value)),
    }
    return labels[action]


def outcome_text(t: Translator, outcome: BulkOutcome, value: str) -> str:
    names = ", ".join(display_name(p) for p in outcome.done)
    n = len(outcome.done)
    texts = {
        "invite": t.ngettext(
            "A sign-in link was sent to %(n)s participant: %(names)s.",
            "Sign-in links were sent to %(n)s participants: %(names)s.",
            n,
            names=names,
        ),
        "check_in": t.ngettext(
            "%(n)s participant checked in: %(names)s.",
            "%(n)s participants checked in: %(names)s.",
            n,
            names=names,
        ),
        "withdraw": t.ngettext(
            "%(n)s participant withdrawn: %(names)s. Replan the schedule to fill their places.",
            "%(n)s participants withdrawn: %(names)s. Replan the schedule to fill their places.",
            n,
            names=names,
        ),
        "max_meetings": t.ngettext(
            "Meetings accepted at most set to %(value)s for %(n)s participant: %(names)s.",
            "Meetings accepted at most set to %(value)s for %(n)s participants: %(names)s.",
            n,
            names=names,
            value=_limit(t, value),
        ),
        "min_meetings": t.ngettext(
            "Meetings wished at least set to %(value)s for %(n)s participant: %(names)s.",
            "Meetings wished at least set to %(value)s for %(n)s participants: %(names)s.",
            n,
            names=names,
            value=_limit(t, value),
        ),
        "add_language": t.ngettext(
            "%(language)s added to the languages of %(n)s participant: %(names)s.",
            "%(language)s added to the languages of %(n)s participants: %(names)s.",
            n,
            names=names,
            language=t.language_name(value.strip().lower()),
        ),
        "remove_language": t.ngettext(
            "%(language)s removed from the languages of %(n)s participant: %(names)s.",
            "%(language)s removed from the languages of %(n)s participants: %(names)s.",
            n,
            names=names,
            language=t.language_name(value.strip().lower()),
        ),
        "timezone": t.ngettext(
            "Time zone set to %(value)s for %(n)s participant: %(names)s.",
            "Time zone set to %(value)s for %(n)s participants: %(names)s.",
            n,
            names=names,
            value=_zone(t, value),
        ),
    }
    text = texts[outcome.action] if n else t.gettext("Nothing needed doing.")
    if outcome.unchanged:
        already = ", ".join(display_name(p) for p in outcome.unchanged)
        text += " " + t.gettext("Already so, left as they were: %(names)s.", names=already)
    return text


def problem_texts(t: Translator, problems: list[BulkProblem]) -> list[str]:
    texts = {
        "unknown": t.gettext("%(row)s: not a participant of this mission."),
        "erased": t.gettext("%(row)s: personal data erased, nothing can be sent or changed."),
        "withdrawn": t.gettext("%(row)s: has withdrawn (undo the withdrawal first)."),
        "max_below_min": t.gettext("%(row)s, %(field)s: cannot be below their minimum (%(min)s)."),
        "min_above_max": t.gettext("%(row)s, %(field)s: cannot be above their maximum (%(max)s)."),
        "none": t.gettext("Select at least one participant in the list first."),
    }
    lines = []
    for problem in problems:
        if problem.code == "value" and problem.row == "max_meetings":
            line = t.gettext(
                "Meetings accepted at most: %(value)s is not a whole number from 0 to %(max)s.",
                **problem.values,
            )
        elif problem.code == "value" and problem.row == "min_meetings":
            line = t.gettext(
                "Meetings wished at least: %(value)s is not a whole number from 0 to %(max)s.",
                **problem.values,
            )
        elif problem.code == "value" and problem.row in ("add_language", "remove_language"):
            line = t.gettext("Languages spoken: %(value)s is not one of %(codes)s.", **problem.values)
        elif problem.code == "value" and problem.row == "timezone":
            line = t.gettext(
                "Time zone: %(value)s is not a known time zone (e.g. Europe/Paris).", **problem.values
            )
        elif problem.code == "value":
            line = t.gettext("Unknown action %(value)s.", **problem.values)
        else:
            line = texts[problem.code] % {
                "row": problem.row,
                "field": field_name(t, problem.field),
                **problem.values,
            }
        lines.append(line)
    return lines
