"""Mailings and the outbox in words, in the viewer's language: the kinds of mailing, how recipients are
chosen, what each outbox mail is about and where it stands, and why a mailing or a resend was refused."""

from missionmatch.i18n import mark as _
from missionmatch.services.mailing_audience import AudienceRefused
from missionmatch.services.outbox_resend import ResendRefused
from missionmatch.web.i18n import Translator

MAILING_KINDS = {
    "invitation": _("Invitation with a personal sign-in link"),
    "profile": _("Reminder: profile incomplete"),
    "requests": _("Reminder: meeting requests unanswered"),
    "agenda": _("Reminder: agenda published"),
}
SCOPES = {
    "not_signed_in": _("Everyone not yet signed in"),
    "side:delegation": _("The delegation"),
    "side:host": _("The hosts"),
    "everyone": _("Everyone"),
    "selection": _("The participants selected in the list"),
}
MAIL_KINDS = {
    "sign_in": _("Sign-in link"),
    "request": _("Meeting request"),
    "schedule": _("Schedule change"),
    "invitation": _("Invitation"),
    "profile": _("Reminder: profile"),
    "requests": _("Reminder: requests"),
    "agenda": _("Reminder: agenda"),
    "programme": _("Programme: a place became free"),
    "": _("Other"),
}
MAIL_STATUSES = {"sent": _("sent"), "queued": _("in the outbox"), "failed": _("not sent")}


def audience_problem(t: Translator, refused: AudienceRefused) -> str:
    if refused.field == "recipients":
        return t.gettext("Nobody to mail: no participant chosen is concerned by this mailing.")
    return t.gettext(
        "%(field)s: %(value)s is not a choice of this form.", field=refused.field, value=refused.value
    )


def resend_problem(t: Translator, refused: ResendRefused) -> str:
    if refused.code == "none":
        return t.gettext("Select at least one mail first.")
    numbers = ", ".join(f"#{n}" for n in refused.ids)
    return t.gettext("Nothing was resent: %(numbers)s is not a mail of this mission.", numbers=numbers)
