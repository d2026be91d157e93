"""Outgoing mail: every message is written to the outbox table first; a sender may then deliver it by SMTP.
The embedded default delivers nothing, and organisers read the outbox in the browser."""

import smtplib
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Mission, OutboxMail
from missionmatch.settings import SmtpSettings

# what a mail is about; a mailing's mails have their mailing's kind (models/mailing.py)
MAIL_KINDS = ("sign_in", "request", "schedule", "invitation", "profile", "requests", "agenda", "programme")


def queue_mail(
    session: Session,
    mission: Mission | None,
    recipient: str,
    subject: str,
    body: str,
    *,
    kind: str,
    participant_id: int | None = None,
    mailing_id: int | None = None,
    resent_from_id: int | None = None,
) -> OutboxMail:
    """`kind` is one of `MAIL_KINDS`: what the outbox filters on."""
    mail = OutboxMail(
        kind=kind,
        participant_id=participant_id,
        mailing_id=mailing_id,
        resent_from_id=resent_from_id,
        mission_id=mission.id if mission else None,
        recipient=recipient,
        subject=subject,
        body=body,
        created_at=clock.now(),
        error="",
    )
    session.add(mail)
    session.flush()
    return mail


def outbox(session: Session, mission: Mission) -> list[OutboxMail]:
    query = select(OutboxMail).where(OutboxMail.mission_id == mission.id).order_by(OutboxMail.id.desc())
    return list(session.scalars(query))


def deliver(session: Session, settings: SmtpSettings, mails: list[OutboxMail]) -> int:
    """Sends the given unsent mails; failures are recorded on the mail and do not stop the others."""
    sent = 0
    with smtplib.SMTP(settings.host, settings.port, timeout=10) as client:
        if settings.starttls:
            client.starttls()
        if settings.username:
            client.login(settings.username, settings.password or "")
        for mail in mails:
            if mail.sent_at is not None:
                continue
            message = EmailMessage()
            message["From"] = settings.sender
            message["To"] = mail.recipient
            message["Subject"] = mail.subject
            message.set_content(mail.body)
            try:
                client.send_message(message)
            except smtplib.SMTPException as error:
                mail.error = str(error)
                continue
            mail.sent_at = clock.now()
            mail.error = ""
            sent += 1
    return sent
