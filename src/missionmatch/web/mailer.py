"""Mails the web layer sends: queued in the outbox, then delivered by SMTP when a server is configured."""

from sqlalchemy.orm import Session

from missionmatch.models import Mission, Participant
from missionmatch.services.accounts import create_login_link
from missionmatch.services.mail import deliver, queue_mail
from missionmatch.services.schedule_publish import Publication
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


def send_schedule_notice(
    db: Session, settings: WebSettings, participant: Participant, changes: list[dict]
) -> None:
    """Tells a participant what the new schedule version changed for them, in their language."""
    t = participant_translator(participant)
    people = {p.key: p for p in participant.mission.participants}
    lines = []
    for change in changes:
        entry = change["after"] or change["before"]
        others = ", ".join(
            people[k].full_name for k in entry["participants"] if k != participant.key and k in people
        )
        when = entry["starts_at"].replace("T", " ") if entry["starts_at"] else "?"
        table = "" if entry["table"] is None else entry["table"] + 1
        texts = {
            "added": t.gettext(
                "New meeting: %(when)s, table %(table)s, with %(others)s",
                when=when,
                table=table,
                others=others,
            ),
            "moved": t.gettext(
                "Moved: your meeting with %(others)s is now at %(when)s, table %(table)s",
                when=when,
                table=table,
                others=others,
            ),
            "cancelled": t.gettext(
                "Cancelled: your meeting with %(others)s at %(when)s", when=when, others=others
            ),
        }
        lines.append("- " + texts[change["change"]])
    body = t.gettext(
        "Hello %(name)s,\n\nThe B2B schedule of %(mission)s has been updated:\n",
        name=participant.full_name,
        mission=participant.mission.name,
    )
    body += (
        "\n".join(lines)
        + "\n\n"
        + t.gettext("Your agenda: %(link)s", link=f"{settings.base_url}/me/agenda")
        + "\n"
    )
    subject = t.gettext("Your B2B schedule for %(mission)s", mission=participant.mission.name)
    send_mail(db, settings, participant.mission, participant.email, subject, body)


def notify_publication(db: Session, settings: WebSettings, publication: Publication) -> None:
    """Mails every participant concerned by a new schedule version the changes that are theirs."""
    for participant, changes in publication.affected.items():
        send_schedule_notice(db, settings, participant, changes)
