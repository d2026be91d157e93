"""The import screens' words: each field a column can hold, each action of the preview, why a mapping is
refused and why a row is (the codes of `services/import_reasons.py` and the meeting limits'; a problem
without a known code keeps its English reason), in the viewer's language."""

import re

from babel.numbers import format_decimal

from missionmatch.i18n import mark as _
from missionmatch.services.problems import Problem
from missionmatch.web.i18n import Translator

FIELD_LABELS = {
    "email": _("E-mail"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "full_name": _("Full name (split in two)"),
    "organisation": _("Organisation"),
    "side": _("Side (delegation or host)"),
    "country": _("Country"),
    "city": _("City"),
    "job_title": _("Job title"),
    "languages": _("Languages"),
    "sectors": _("Sectors"),
    "offers": _("Offers"),
    "needs": _("Needs"),
    "profile_language": _("Profile language"),
    "website": _("Website"),
    "min_meetings": _("Minimum meetings"),
    "max_meetings": _("Maximum meetings"),
    "hosted_table": _("Hosted table"),
    "key": _("Participant key"),
}
ACTIONS = {"add": _("Added"), "update": _("Updated"), "unchanged": _("Unchanged")}


def mapping_problem(t: Translator, problem: Problem) -> str:
    """A refused mapping (codes of `services.import_mapping.choice_from_columns`) in words."""
    code, _sep, other = problem.reason.partition(":")
    if code == "same_field":
        return t.gettext("Column “%(column)s”: the column “%(other)s” already holds this field.") % {
            "column": problem.field,
            "other": other,
        }
    if code == "missing":
        label = t.gettext(FIELD_LABELS.get(problem.field, problem.field))
        return t.gettext("No column holds “%(field)s”: choose one.") % {"field": label}
    if code == "unknown_key":
        return t.gettext("Choose how registered participants are found: by e-mail or by key.")
    return t.gettext("Column “%(column)s”: choose a field from the list.") % {"column": problem.field}


ROW_REASONS = {
    "text_too_long": _("%(length)s characters: at most %(limit)s are allowed."),
    "control_character": _("Contains a control character (%(character)s) at position %(position)s."),
    "email_format": _("“%(value)s” is not an e-mail address."),
    "unknown_side": _("Unknown side “%(value)s”: write delegation or host."),
    "unknown_language": _("Unknown language “%(value)s”."),
    "unknown_sector": _("Unknown sector “%(value)s”."),
    "name_without_space": _("“%(value)s” has no space between the given and the family name."),
    "appears_twice": _("%(value)s appears twice (also on row %(row)s)."),
    "empty": _("This cell is empty."),
    "already_registered": _("%(value)s is already registered in this mission."),
    "key_of_another": _("%(value)s is the key of another participant."),
    "other_side:delegation": _("%(organisation)s is already on the delegation side."),
    "other_side:host": _("%(organisation)s is already on the host side."),
    "empty_side_new_organisation": _("This cell is empty and “%(organisation)s” is a new organisation."),
    "organisation_claimed": _("%(organisation)s has “%(value)s” on row %(row)s."),
    "whole_number": _("“%(value)s” is not a whole number."),
    "negative": _("Must be 0 or more."),
    "max_below_min": _("The maximum cannot be below the minimum (%(min)s)."),
    "table_number": _("Must be 1 or more (tables are numbered from 1)."),
    "table_missing": _(
        "There is no table %(table)s: the smallest B2B session of the mission has %(tables)s tables."
    ),
    "table_taken": _("Table %(table)s is already kept by %(holder)s."),
}
_ROW = re.compile(r"row (\d+)")


def row_reason(t: Translator, problem: Problem) -> str:
    key = f"{problem.code}:{problem.values.get('side')}" if problem.code == "other_side" else problem.code
    if key not in ROW_REASONS:
        return problem.reason
    values = {
        name: format_decimal(value, locale=t.language) if type(value) is int else value
        for name, value in problem.values.items()
    }  # 200,000 in English, 200 000 in French
    return t.gettext(ROW_REASONS[key], **values)


def where(t: Translator, problem: Problem) -> str:
    """ "row 7" as the viewer reads it."""
    found = _ROW.fullmatch(problem.where)
    return t.gettext("Row %(number)s", number=found.group(1)) if found else problem.where


def shown_problems(t: Translator, problems: list[Problem]) -> list[tuple[str, str, str]]:
    """(where, column, reason) of each problem, in the viewer's language."""
    return [(where(t, p), p.field, row_reason(t, p)) for p in problems]
