"""The participant and organisation forms' error codes in the viewer's language; the codes the setup pages
share (required, number, moment...) are put into words by `setup_forms`."""

from missionmatch.services.setup_fields import FieldError
from missionmatch.web.i18n import Translator
from missionmatch.web.setup_forms import explain as explain_setup


def _messages(t: Translator) -> dict[str, str]:
    return {
        "email_format": t.gettext("This is not an e-mail address."),
        "email_taken": t.gettext("%(value)s is already registered in this mission."),
        "control_character": t.gettext("Remove the control character from this field."),
        "unknown_organisation": t.gettext("Choose one of the mission's organisations."),
        "side_in_use": t.gettext(
            "Meetings or open requests exist across the two sides: cancel them before changing the side."
        ),
        "organisation_exists": t.gettext("The mission already has an organisation of this name."),
        "unknown_side": t.gettext("Choose the delegation or the host side."),
        "country": t.gettext("Enter a two-letter country code, for example LU or JP."),
        "unknown_size": t.gettext("Unknown organisation size."),
        "profile_language": t.gettext("Choose one of the listed languages."),
        "profile_length": t.gettext("At most 4,000 characters."),
        "profile_sectors": t.gettext("Unknown sector."),
        "max_below_min": t.gettext("The maximum cannot be below the minimum (%(min)s)."),
        "table_missing": t.gettext(
            "There is no table %(table)s: the smallest B2B session of the mission has %(tables)s tables."
        ),
        "table_taken": t.gettext(
            "Table %(table)s is already kept by %(holder)s. "
            "Only people of the same organisation share a table."
        ),
    }


def explain(t: Translator, errors: dict[str, FieldError]) -> dict[str, str]:
    """Field name -> message, in the viewer's language."""
    mine = _messages(t)
    shown = {}
    for name, error in errors.items():
        if error.code in mine:
            shown[name] = mine[error.code] % error.values if error.values else mine[error.code]
        else:
            shown[name] = explain_setup(t, {name: error})[name]
    return shown
