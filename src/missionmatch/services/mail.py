"""Outgoing mail: every message is written to the outbox table first; a sender may then deliver it by SMTP.
The embedded default delivers nothing, and organisers read the outbox in the browser."""

import datetime as dt
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Mission, OutboxMail
from missionmatch.services.accounts import LOGIN_LINK_VALIDITY


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str = "missionmatch@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False


@dataclass(frozen=True)
class MailSettings:
    """What a use case needs to write a mail: where links point, how to deliver (None: the outbox only)."""

    base_url: str = "http://127.0.0.1:8000"
    smtp: SmtpSettings | None = None
    login_link_validity: dt.timedelta = LOGIN_LINK_VALIDITY


def queue_mail(
    session: Session, mission: Mission | None, recipient: str, subject: str, body: str
) -> OutboxMail:
    mail = OutboxMail(
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
