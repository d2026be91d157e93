"""Mails the web layer sends: queued in the outbox, then delivered by SMTP when a server is configured."""

from sqlalchemy.orm import Session

from missionmatch.models import Mission, Participant
from missionmatch.services.accounts import create_login_link
from missionmatch.services.mail import deliver, queue_mail
from missionmatch.web.config import WebSettings
from missionmatch.web.i18n import LANGUAGES, Translator


def participant_translator(participant: Participant) -> Translator:
    """Mails go out in the first interface language the participant speaks."""
    spoken = [code for code in participant.languages if code in LANGUAGES]
    return Translator(spoken[0] if spoken else "en")


def send_mail(
    db: Session, settings: WebSettings, mission: Mission, recipient: str, subject: str, body: str
) -> None:
    mail = queue_mail(db, mission, recipient, subject, body)
    if settings.smtp is not None:
        try:
            deliver(db, settings.smtp, [mail])
        except OSError as error:  # server down: the mail stays in the outbox with the reason
            mail.error = str(error)


def send_login_link(db: Session, settings: WebSettings, participant: Participant) -> None:
    token = create_login_link(db, participant, settings.login_link_validity)
    t = participant_translator(participant)
    hours = int(settings.login_link_validity.total_seconds() // 3600)
    body = t.gettext(
        "Hello %(name)s,\n\nOpen this link to sign in to %(mission)s (valid %(hours)s hours, once):\n"
        "%(link)s\n",
        name=participant.full_name,
        mission=participant.mission.name,
        hours=hours,
        link=f"{settings.base_url}/login/link/{token}",
    )
    subject = t.gettext("Your sign-in link for %(mission)s", mission=participant.mission.name)
    send_mail(db, settings, participant.mission, participant.email, subject, body)
