"""The mails use cases send, in the recipient's language: queued in the outbox within the use case's
transaction; single mails are then delivered by SMTP when a server is configured, a publication's many mails
by whoever commits it (`deliver_queued`), so that no SMTP conversation runs under the schedule lock."""

from typing import Any

from sqlalchemy.orm import Session

from missionmatch.i18n import LANGUAGES, Translator
from missionmatch.models import MeetingRequest, Mission, OutboxMail, Participant
from missionmatch.models.enums import RequestStatus
from missionmatch.services.accounts import create_login_link
from missionmatch.services.mail import deliver, queue_mail
from missionmatch.settings import MailSettings


def participant_translator(participant: Participant) -> Translator:
    """Mails go out in the first interface language the participant speaks."""
    spoken = [code for code in participant.languages if code in LANGUAGES]
    return Translator(spoken[0] if spoken else "en")


def deliver_queued(db: Session, settings: MailSettings, mails: list[OutboxMail]) -> None:
    """Delivers queued mails when an SMTP server is configured; a server that is down leaves them in the
    outbox with the reason."""
    if settings.smtp is None or not mails:
        return
    try:
        deliver(db, settings.smtp, mails)
    except OSError as error:
        for mail in mails:
            if mail.sent_at is None:
                mail.error = str(error)


def send_mail(
    db: Session,
    settings: MailSettings,
    mission: Mission,
    recipient: Participant,
    subject: str,
    body: str,
    *,
    kind: str = "request",
) -> None:
    """Queues a mail to one participant and delivers it; `kind` as in `mail.MAIL_KINDS`."""
    mail = queue_mail(db, mission, recipient.email, subject, body, kind=kind, participant_id=recipient.id)
    deliver_queued(db, settings, [mail])


def request_received(db: Session, settings: MailSettings, request: MeetingRequest) -> None:
    """Tells the recipient of a meeting request who asks and what they wrote."""
    requester, recipient = request.requester, request.recipient
    t = participant_translator(recipient)
    send_mail(
        db,
        settings,
        requester.mission,
        recipient,
        t.gettext("%(name)s asks you for a meeting", name=requester.full_name),
        t.gettext(
            "%(name)s (%(organisation)s) wrote:\n\n%(message)s\n\nAnswer here: %(link)s\n",
            name=requester.full_name,
            organisation=requester.organisation.name,
            message=request.message,
            link=f"{settings.base_url}/me/requests",
        ),
    )


def request_answered(db: Session, settings: MailSettings, request: MeetingRequest) -> None:
    """Tells the requester that the recipient accepted or declined their request."""
    requester, recipient = request.requester, request.recipient
    t = participant_translator(requester)
    if request.status == RequestStatus.ACCEPTED:
        subject = t.gettext("%(name)s accepted your meeting request", name=recipient.full_name)
        body = t.gettext(
            "%(name)s (%(organisation)s) accepted your meeting request. The meeting will appear in your "
            "agenda once the organisers have placed it: %(link)s\n",
            name=recipient.full_name,
            organisation=recipient.organisation.name,
            link=f"{settings.base_url}/me/agenda",
        )
    else:
        subject = t.gettext("%(name)s declined your meeting request", name=recipient.full_name)
        body = t.gettext(
            "%(name)s (%(organisation)s) declined your meeting request. Your requests: %(link)s\n",
            name=recipient.full_name,
            organisation=recipient.organisation.name,
            link=f"{settings.base_url}/me/requests",
        )
    send_mail(db, settings, requester.mission, requester, subject, body)


def request_rejected(db: Session, settings: MailSettings, request: MeetingRequest) -> None:
    """Tells the requester that the organisers did not pass their request on, and why."""
    requester, recipient = request.requester, request.recipient
    t = participant_translator(requester)
    send_mail(
        db,
        settings,
        requester.mission,
        requester,
        t.gettext("Your meeting request to %(name)s was not approved", name=recipient.full_name),
        t.gettext(
            "The organisers did not pass on your meeting request to %(name)s (%(organisation)s).\n\n"
            "Their reason: %(reason)s\n\nYour requests: %(link)s\n",
            name=recipient.full_name,
            organisation=recipient.organisation.name,
            reason=request.rejection_reason,
            link=f"{settings.base_url}/me/requests",
        ),
    )


def send_login_link(db: Session, settings: MailSettings, participant: Participant) -> None:
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
    send_mail(db, settings, participant.mission, participant, subject, body, kind="sign_in")


def queue_schedule_notice(
    db: Session, settings: MailSettings, participant: Participant, changes: list[dict[str, Any]]
) -> OutboxMail:
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
    return queue_mail(
        db,
        participant.mission,
        participant.email,
        subject,
        body,
        kind="schedule",
        participant_id=participant.id,
    )


def queue_publication_notices(
    db: Session, settings: MailSettings, affected: dict[Participant, list[dict[str, Any]]]
) -> list[OutboxMail]:
    """Queues for every participant concerned by a new schedule version the changes that are theirs."""
    return [queue_schedule_notice(db, settings, person, changes) for person, changes in affected.items()]
