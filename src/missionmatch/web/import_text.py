"""The import screens' words: each field a column can hold, each action of the preview, and why a mapping is
refused, in the viewer's language."""

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
