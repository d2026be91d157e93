"""The words of a mailing's mail, in the recipient's language (`notifications.participant_translator`), and
the previews an organiser reads before sending: one per language among the recipients, with how many get
it. A preview is written for the first recipient of that language with a placeholder instead of a sign-in
link, so that looking creates no link."""

from collections import Counter
from dataclasses import dataclass

from missionmatch.i18n import Translator
from missionmatch.models import Participant
from missionmatch.models.mailing import MailingKind
from missionmatch.services.notifications import participant_translator
from missionmatch.services.person_names import display_name
from missionmatch.settings import MailSettings

PREVIEW_LINK = "…/login/link/…"


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


@dataclass(frozen=True)
class Preview:
    language: str
    count: int
    subject: str
    body: str


def _subject(t: Translator, kind: MailingKind, mission: str) -> str:
    return {
        MailingKind.INVITATION: t.gettext("You are invited to %(mission)s", mission=mission),
        MailingKind.PROFILE: t.gettext("Reminder: complete your profile for %(mission)s", mission=mission),
        MailingKind.REQUESTS: t.gettext(
            "Reminder: meeting requests of %(mission)s await your answer", mission=mission
        ),
        MailingKind.AGENDA: t.gettext("Your agenda for %(mission)s is published", mission=mission),
    }[kind]


def _middle(t: Translator, kind: MailingKind, mission: str, hours: int) -> str:
    return {
        MailingKind.INVITATION: t.gettext(
            "You are invited to the B2B meetings of %(mission)s. Sign in to complete your profile and ask "
            "for meetings with this personal link (valid %(hours)s hours, once):",
            mission=mission,
            hours=hours,
        ),
        MailingKind.PROFILE: t.gettext(
            "Your profile for %(mission)s still lacks what you offer, what you need or your sectors. The "
            "other participants choose whom to meet from it. Complete it here:",
            mission=mission,
        ),
        MailingKind.REQUESTS: t.gettext(
            "Other participants of %(mission)s asked you for a meeting and await your answer. Answer here:",
            mission=mission,
        ),
        MailingKind.AGENDA: t.gettext(
            "The B2B schedule of %(mission)s is published. Your meetings are in your agenda:",
            mission=mission,
        ),
    }[kind]


def mail_text(
    settings: MailSettings, kind: MailingKind, participant: Participant, login_token: str | None
) -> MailText:
    """The mail for one recipient; an invitation carries `login_token` (None: the preview's placeholder)."""
    t = participant_translator(participant)
    mission = participant.mission.name
    hours = int(settings.login_link_validity.total_seconds() // 3600)
    link = {
        MailingKind.INVITATION: f"{settings.base_url}/login/link/{login_token}",
        MailingKind.PROFILE: f"{settings.base_url}/me",
        MailingKind.REQUESTS: f"{settings.base_url}/me/requests",
        MailingKind.AGENDA: f"{settings.base_url}/me/agenda",
    }[kind]
    if login_token is None and kind == MailingKind.INVITATION:
        link = PREVIEW_LINK
    body = (
        t.gettext("Hello %(name)s,", name=display_name(participant))
        + "\n\n"
        + _middle(t, kind, mission, hours)
        + f"\n{link}\n"
    )
    return MailText(_subject(t, kind, mission), body)


def previews(settings: MailSettings, kind: MailingKind, people: list[Participant]) -> list[Preview]:
    """One preview per language of the recipients, the most common first."""
    language = {p.id: participant_translator(p).language for p in people}
    counts = Counter(language.values())
    first: dict[str, Participant] = {}
    for person in people:
        first.setdefault(language[person.id], person)
    shown = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        text = mail_text(settings, kind, first[code], None)
        shown.append(Preview(code, count, text.subject, text.body))
    return shown
