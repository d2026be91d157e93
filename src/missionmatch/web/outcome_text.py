"""The words of the outcome pages (agreements, feedback, follow-ups) in the viewer's language: names of
kinds and statuses, a meeting in one line, and the agreement services' error codes as messages."""

import datetime as dt

from missionmatch.models import Meeting
from missionmatch.models.enums import AgreementKind, AgreementStatus, FollowUp
from missionmatch.services.feedback_views import meeting_start
from missionmatch.services.setup_fields import FieldError
from missionmatch.web.i18n import Translator


def kind_names(t: Translator) -> dict[str, str]:
    return {
        AgreementKind.MOU: t.gettext("Memorandum of understanding"),
        AgreementKind.LETTER_OF_INTENT: t.gettext("Letter of intent"),
        AgreementKind.COOPERATION_AGREEMENT: t.gettext("Cooperation agreement"),
        AgreementKind.CONTRACT: t.gettext("Contract"),
    }


def status_names(t: Translator) -> dict[str, str]:
    return {
        AgreementStatus.DRAFT: t.gettext("Draft"),
        AgreementStatus.NEGOTIATING: t.gettext("Under negotiation"),
        AgreementStatus.SIGNED: t.gettext("Signed"),
        AgreementStatus.IN_FORCE: t.gettext("In force"),
        AgreementStatus.ABANDONED: t.gettext("Abandoned"),
    }


def follow_up_names(t: Translator) -> dict[str, str]:
    return {
        FollowUp.NONE: t.gettext("No follow-up"),
        FollowUp.CALL: t.gettext("A call"),
        FollowUp.VISIT: t.gettext("A visit"),
        FollowUp.SEND_OFFER: t.gettext("Send an offer"),
        FollowUp.AGREEMENT: t.gettext("An agreement"),
    }


def meeting_line(t: Translator, meeting: Meeting) -> str:
    """The session and start (when placed), then who: "B2B afternoon, 27 May 2025 14:40 (…): Anne, 太郎"."""
    people = ", ".join(p.full_name for p in meeting.participants)
    start = meeting_start(meeting)
    if start is None or meeting.session is None:
        return people
    return f"{meeting.session.name}, {t.wall_time(start, meeting.mission.timezone)}: {people}"


def _messages(t: Translator) -> dict[str, str]:
    return {
        "required": t.gettext("This field is required."),
        "too_long": t.gettext("At most %(limit)s characters."),
        "date": t.gettext("Enter a date like 2025-05-30."),
        "unknown_agreement_kind": t.gettext("Choose a kind of agreement."),
        "unknown_organisation": t.gettext("Choose organisations of this mission."),
        "no_party": t.gettext("Choose at least one party."),
        "unknown_meeting": t.gettext("Choose meetings of this mission."),
        "signatory_name": t.gettext("Signatory %(row)s needs a name."),
        "signatory_too_long": t.gettext("Signatory %(row)s: at most %(limit)s characters."),
        "signatory_not_party": t.gettext("Signatory %(row)s must sign for one of the parties."),
        "signed_on_required": t.gettext("A signed agreement needs its date of signature."),
        "transition": t.gettext("An agreement cannot go from this status to that one."),
        "changed_meanwhile": t.gettext(
            "Someone changed this agreement's status meanwhile: read its history and try again."
        ),
        "unknown_status": t.gettext("Choose a status."),
        "empty_file": t.gettext("Choose a PDF file."),
        "too_large": t.gettext("The file is larger than %(limit)s MB."),
        "not_pdf": t.gettext("This file is not a PDF."),
    }


def explain(t: Translator, errors: dict[str, FieldError]) -> dict[str, str]:
    """Field name -> message, in the viewer's language."""
    messages = _messages(t)
    shown = {}
    for name, error in errors.items():
        values = {k: t.date(v) if isinstance(v, dt.date) else v for k, v in error.values.items()}
        shown[name] = messages[error.code] % values if values else messages[error.code]
    return shown
