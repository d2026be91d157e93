"""The words of the mission report, marked for the catalogs and shared by its page, PDF and workbook."""

from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.sectors import SECTOR_CODES, sector_name

STAGES = {
    "requested": _("Requested"),
    "accepted": _("Accepted"),
    "scheduled": _("Scheduled"),
    "held": _("Held"),
    "no_show": _("No-show"),
    "cancelled": _("Cancelled"),
}
SIDES = {"delegation": _("Delegation"), "host": _("Host side")}
FOLLOW_UPS = {
    "call": _("Call"),
    "visit": _("Visit"),
    "send_offer": _("Send an offer"),
    "agreement": _("Agreement"),
}
AGREEMENT_STATUSES = {
    "draft": _("Draft"),
    "negotiating": _("Negotiating"),
    "signed": _("Signed"),
    "in_force": _("In force"),
    "abandoned": _("Abandoned"),
}

AGREEMENT_KINDS = {
    "mou": _("Memorandum of understanding"),
    "letter_of_intent": _("Letter of intent"),
    "cooperation_agreement": _("Cooperation agreement"),
    "contract": _("Contract"),
}


def label(t: Translator, words: dict[str, str], code: str) -> str:
    return t.gettext(words[code]) if code in words else code


def sector_label(t: Translator, code: str) -> str:
    return sector_name(code, t.language) if code in SECTOR_CODES else code
